import { openStores, type PredictionRecord, type Stores, storeLayout } from '@mlops/registry';
import { type ServerTestStores, serverTestStores } from '@mlops/testkit';
import { compareRoles } from './compareRoles';

// The prediction log in a fresh PostgreSQL database: compareRoles streams it through `readWindow`.
let server: ServerTestStores<Stores>;
let home: string;
let stores: Stores;
beforeAll(async () => {
  server = await serverTestStores('mlops-monitor-rolecmp-pg-', openStores);
  ({ home, stores } = server);
});
afterAll(() => server?.close());

const base = Date.parse('2026-05-01T00:00:00Z');
const record = (i: number, over: Partial<PredictionRecord>): PredictionRecord =>
  ({
    timestamp: new Date(base + i * 1000).toISOString(),
    request_id: `req-${i}`,
    model_name: 'churn',
    model_version: 1,
    features: { tenure_months: i },
    prediction: i % 3 === 0 ? 1 : 0,
    probability: i % 3 === 0 ? 0.8 : 0.2,
    latency_ms: 3,
    ...over,
  }) as PredictionRecord;

test('pairs champion and shadow records of the same request ids read from PostgreSQL, and sees the canary', async () => {
  const sink = stores.openPredictionLog({ flushIntervalMs: 0 });
  for (let i = 0; i < 300; i += 1) {
    const champion = record(i, {});
    sink.append(champion);
    // The shadow disagrees on every 10th request.
    const shadow = i % 10 === 0 ? 1 - Number(champion.prediction) : champion.prediction;
    sink.append(record(i, { role: 'shadow', model_version: 3, prediction: shadow, latency_ms: 9 }));
    if (i % 5 === 0) sink.append(record(i, { role: 'canary', model_version: 2, request_id: `can-${i}` }));
  }
  await sink.close();
  const comparison = await compareRoles({
    dir: storeLayout(home).predictions,
    model: 'churn',
    championVersion: 1,
    from: new Date(base).toISOString(),
    to: new Date(base + 299_000).toISOString(),
    model_document: { task: 'binary', target: 'churned', classes: [0, 1], threshold: 0.5 },
    log: stores.predictionLog,
  });
  expect(comparison?.champion).toMatchObject({ role: 'champion', version: 1, count: 300 });
  expect(comparison?.champion.predictions).toMatchObject({ kind: 'classes', counts: { '0': 200, '1': 100 } });
  const [canary, shadow] = comparison?.challengers ?? [];
  expect(canary).toMatchObject({ role: 'canary', version: 2, count: 60, agreement: null });
  expect(shadow).toMatchObject({
    role: 'shadow',
    version: 3,
    count: 300,
    agreement: { pairs: 300, agreement_rate: 0.9, unpaired_shadow: 0, evicted: 0 },
    latency_ms: { p50: 9, p99: 9 },
  });
});
