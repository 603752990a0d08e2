import { existsSync } from 'node:fs';
import { openStores, type Stores, storeLayout } from '@mlops/registry';
import { logTraffic, registerTrained, type ServerTestStores, serverTestStores } from '@mlops/testkit';
import request from 'supertest';
import { hashValue } from './__tests__/fixture';
import { monitorProcess } from './__tests__/monitorProcess';
import { createDashboard } from './dashboard/createDashboard';

// The registry and the prediction log in a fresh PostgreSQL database; only reports land under MLOPS_HOME.
let server: ServerTestStores<Stores>;
let home: string;
let stores: Stores;
let version: number;
beforeAll(async () => {
  server = await serverTestStores('mlops-monitor-pg-', openStores);
  ({ home, stores } = server);
  await registerTrained(stores.registry, 'churn', {
    dataset: 'churn',
    rows: 3_000,
    seed: 1,
    model: 'logistic',
  });
  version = await registerTrained(stores.registry, 'churn', {
    dataset: 'churn',
    rows: 3_000,
    seed: 2,
    model: 'logistic',
  });
  await stores.registry.promote('churn', version, { force: true, reason: 'e2e' });
  // The writer the API opens with MLOPS_DATABASE_URL set: COPY batches into prediction_log.
  const writer = stores.openPredictionLog({ flushIntervalMs: 0 });
  await logTraffic(writer, {
    from: new Date('2026-01-01T00:00:00Z'),
    rows: 1_000,
    model: await stores.registry.readModelDocument('churn', version),
    name: 'churn',
    version,
    profile: await stores.registry.readProfile('churn', version),
    hash: (value) => hashValue(value),
  });
  await writer.close();
  expect(writer.stats).toEqual({ queued: 0, written: 1_000, lost: 0 });
});
afterAll(() => server?.close());

test('monitor run with MLOPS_DATABASE_URL checks the production version read from PostgreSQL', async () => {
  const run = await monitorProcess(home, ['run', '--json'], { MLOPS_DATABASE_URL: server.database.url });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.json).toMatchObject({ model: 'churn', version: 2, level: 'stable', predictions: 1_000 });
  // The registry and the log live in the database: the folder has the report only.
  expect(existsSync(storeLayout(home).models)).toBe(false);
  expect(existsSync(storeLayout(home).predictions)).toBe(false);
  expect(existsSync(run.json.report_path)).toBe(true);
});

test('monitor run reads its windows from the PostgreSQL log: the last N rows, and the last stretch of time up to the newest record', async () => {
  const env = { MLOPS_DATABASE_URL: server.database.url };
  const rows = await monitorProcess(home, ['run', '--window', '300', '--json'], env);
  expect(rows.code).toBe(0);
  expect(rows.json).toMatchObject({ version, predictions: 300 });
  // One request a second from 00:00:00 to 00:16:39: ten minutes back from the newest is 00:06:39 on, 601 rows.
  const time = await monitorProcess(home, ['run', '--window', '10m', '--json'], env);
  expect(time.code).toBe(0);
  expect(time.json).toMatchObject({ version, predictions: 601 });
  const since = await monitorProcess(
    home,
    ['run', '--since', '2026-01-01T00:15:00Z', '--min-rows', '1', '--json'],
    env,
  );
  expect(since.json).toMatchObject({ predictions: 100 });
  // Nothing in the window is nothing to compare (exit 4), saying how much the log holds of other times.
  const none = await monitorProcess(home, ['run', '--since', '2027-01-01T00:00:00Z', '--json'], env);
  expect(none.code).toBe(4);
  expect(none.stderr).toMatch(/the log holds 1000 of other versions or times/);
});

test('monitor run without MLOPS_DATABASE_URL does not find the model, which is only in PostgreSQL', async () => {
  const run = await monitorProcess(home, ['run', '--json']);
  expect(run.code).toBe(3);
  expect(run.stderr).toMatch(/^error: .*churn/);
});

test('the dashboard and the UI read the traffic, the newest predictions and the export from the PostgreSQL log', async () => {
  const dashboard = createDashboard({ home, stores, defaultModel: 'churn' });
  const summary = await request(dashboard).get('/api/summary?model=churn');
  expect(summary.status).toBe(200);
  expect(summary.body).toMatchObject({
    live_version: version,
    aggregates_version: version,
    other_versions_rows: 0,
  });
  expect(summary.body.aggregates).toMatchObject({ predictions: 1_000, last: '2026-01-01T00:16:39.000Z' });
  expect(summary.body.drift).toMatchObject({ window_rows: 1_000 });
  const newest = await request(dashboard).get('/api/predictions?model=churn&limit=3');
  expect(newest.body.predictions.map((p: { timestamp: string }) => p.timestamp)).toEqual([
    '2026-01-01T00:16:39.000Z',
    '2026-01-01T00:16:38.000Z',
    '2026-01-01T00:16:37.000Z',
  ]);
  const csv = await request(dashboard).get('/export.csv?model=churn');
  expect(csv.status).toBe(200);
  expect(csv.text.trim().split('\n')).toHaveLength(1_001);
  const serving = await request(dashboard).get('/api/ui/models/churn/serving?range=all');
  expect(serving.status).toBe(200);
  expect(serving.body.traffic).toEqual([expect.objectContaining({ version, rows: 1_000 })]);
  // A custom range streams from the table's index: both ends included, latency folded per bucket.
  const custom = await request(dashboard).get(
    '/api/ui/models/churn/serving?from=2026-01-01T00:05:00Z&to=2026-01-01T00:10:00Z',
  );
  expect(custom.status).toBe(200);
  expect(custom.body.window).toEqual({
    range: 'custom',
    from: '2026-01-01T00:05:00.000Z',
    to: '2026-01-01T00:10:00.000Z',
  });
  const [traffic] = custom.body.traffic;
  expect(traffic.rows).toBe(301);
  expect(traffic.counts).toEqual([60, 60, 60, 60, 60, 1]);
  // Nearest rank over the rows read straight from the table, bucket by bucket.
  const perMinute: number[][] = [[], [], [], [], [], []];
  await stores.predictionLog.readWindow(
    { model: 'churn', from: new Date('2026-01-01T00:05:00Z'), to: new Date('2026-01-01T00:10:00.001Z') },
    { onRecord: (r) => perMinute[new Date(r.timestamp).getUTCMinutes() - 5].push(r.latency_ms) },
  );
  const rank = (values: number[], q: number) =>
    [...values].sort((a, b) => a - b)[Math.max(1, Math.ceil(q * values.length)) - 1];
  expect(traffic.latency_over_time).toEqual({
    p50: perMinute.map((v) => rank(v, 0.5)),
    p95: perMinute.map((v) => rank(v, 0.95)),
    p99: perMinute.map((v) => rank(v, 0.99)),
  });
  dashboard.close();
});
