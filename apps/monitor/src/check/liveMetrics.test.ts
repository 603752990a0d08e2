import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { categoricalColumn, DataTable } from '@mlops/features';
import type { PredictionRecord } from '@mlops/registry';
import { FIXTURE_SALT, hashValue, logTraffic, monitor, registeredHome } from '../__tests__/fixture';
import { liveMetrics } from './liveMetrics';

// Churn: customer_id is the entity key, sensitive (hashed in the log); `plain` registers it as not sensitive.
let home: string;
let plain: string;
beforeAll(async () => {
  [home, plain] = await Promise.all([
    registeredHome('monitor-labels-'),
    registeredHome('monitor-labels-plain-', { sensitiveIds: false }),
  ]);
  for (const h of [home, plain]) {
    // The same customers twice: first predicted 0 (probability 0.2) every time…
    await logTraffic(h, { from: new Date('2026-04-30T00:00:00Z'), rows: 500, prediction: () => 0 });
    // …then class 1 with probability 0.8 on every fifth row, else class 0 with 0.2. Row i is customer C000000(i+1).
    await logTraffic(h, {
      from: new Date('2026-05-01T00:00:00Z'),
      rows: 500,
      prediction: (i) => (i % 5 === 0 ? 1 : 0),
    });
  }
});
afterAll(() => {
  for (const h of [home, plain]) rmSync(h, { recursive: true, force: true });
});

/** Labels of the first 200 customers: rows 0, 5, 10… churned (all caught by the latest predictions), plus rows 1, 11, 21… (all missed). */
function customerLabels(path: string, id: (i: number) => string = (i) => customerId(i)): string {
  const lines = ['customer_id,churn'];
  for (let i = 0; i < 200; i += 1) lines.push(`${id(i)},${i % 5 === 0 || i % 10 === 1 ? 1 : 0}`);
  lines.push(`${id(9_999_998)},1`); // C9999999: a customer never seen
  writeFileSync(path, lines.join('\n'));
  return path;
}
const customerId = (i: number) => `C${String(i + 1).padStart(7, '0')}`;

/** `monitor run --since <since> --labels <labels> …options` on the store `at`, in-process. */
const runWithLabels = (at: string, since: string, labels: string, options: string[] = [], env = {}) =>
  monitor(at, ['run', '--since', since, '--labels', labels, ...options], { env });

/** The score of the labels above on the 1 May predictions: 40 true positives, 20 false negatives, no false positives. */
function expectFortyCaughtTwentyMissed(metrics: Record<string, number>): void {
  expect(metrics.precision).toBeCloseTo(1, 12);
  expect(metrics.recall).toBeCloseTo(40 / 60, 12);
  expect(metrics.accuracy).toBeCloseTo(180 / 200, 12);
}

test('labels that arrive later are joined on request id and scored against the test metrics', async () => {
  const lines = ['request_id,churn'];
  // The first 200 predictions get labels: rows 0, 5, 10… churned (all caught), plus rows 1, 11, 21… (all missed).
  for (let i = 0; i < 200; i += 1)
    lines.push(`r-${Date.parse('2026-05-01T00:00:00Z')}-${i},${i % 5 === 0 || i % 10 === 1 ? 1 : 0}`);
  lines.push('r-unknown-1,1');
  writeFileSync(join(home, 'labels.csv'), lines.join('\n'));
  const result = await runWithLabels(home, '2026-05-01T00:00:00Z', join(home, 'labels.csv'), ['--json']);
  const live = result.json().live_metrics;
  expect(live).toMatchObject({
    join_key: ['request_id'],
    key_hashed: false,
    labels: 201,
    matched_labels: 200,
  });
  expect(live.labelled_rows).toBe(200);
  expect(live.unmatched_labels).toBe(1);
  expectFortyCaughtTwentyMissed(live.metrics);
  expect(live.delta.accuracy).toBeCloseTo(live.metrics.accuracy - live.registered.accuracy, 12);
});

test('a labels file without request ids is a clear error', async () => {
  writeFileSync(join(home, 'bad.csv'), 'id,churn\n1,0\n');
  const result = await runWithLabels(home, '2026-05-01T00:00:00Z', join(home, 'bad.csv'));
  expect(result.code).toBe(3);
  expect(result.stderr).toMatch(
    /labels file has no 'request_id' column nor the model's id column\(s\) 'customer_id': the join key of the prediction log/,
  );
});

test.each([
  ['hashed', () => home, { MLOPS_HASH_SALT: FIXTURE_SALT }, true],
  ['plain', () => plain, {}, false],
])(
  'labels without request ids join on the entity key (%s) with its latest prediction in the window',
  async (_kind, at, env, hashed) => {
    const h = at();
    const result = await runWithLabels(
      h,
      '2026-04-30T00:00:00Z',
      customerLabels(join(h, 'customers.csv')),
      ['--json'],
      env,
    );
    expect(result.code).toBe(0);
    const live = result.json().live_metrics;
    expect(live).toMatchObject({
      join_key: ['customer_id'],
      key_hashed: hashed,
      labels: 201,
      matched_labels: 200,
      unmatched_labels: 1,
      labelled_rows: 200,
    });
    // Scored on the 1 May predictions, not the earlier all-zero ones.
    expectFortyCaughtTwentyMissed(live.metrics);
  },
);

test('a sensitive entity key needs the API salt; labels already hashed need none; a wrong salt matches nothing', async () => {
  const labels = customerLabels(join(home, 'customers.csv'));
  const noSalt = await runWithLabels(home, '2026-04-30T00:00:00Z', labels);
  expect(noSalt.code).toBe(3);
  expect(noSalt.stderr).toMatch(
    /^error: 'customer_id' is sensitive, so the log holds it hashed: set MLOPS_HASH_SALT to the API's salt to join labels on it, or label by request_id$/m,
  );
  const hashedFile = customerLabels(join(home, 'hashed.csv'), (i) => hashValue(customerId(i)));
  const prehashed = await runWithLabels(home, '2026-04-30T00:00:00Z', hashedFile, ['--json']);
  expect(prehashed.json().live_metrics).toMatchObject({ key_hashed: true, matched_labels: 200 });
  const wrong = await runWithLabels(home, '2026-04-30T00:00:00Z', labels, ['--json'], {
    MLOPS_HASH_SALT: 'not-the-api-salt',
  });
  expect(wrong.json().live_metrics).toMatchObject({ matched_labels: 0, unmatched_labels: 201, metrics: {} });
});

test('multiclass live metrics come from the same taskMetrics dispatch; what the log cannot give is omitted', () => {
  const predictions = ['a', 'a', 'b', 'c', 'c', 'b'];
  const truth = ['a', 'b', 'b', 'c', 'a', 'b'];
  const records: PredictionRecord[] = predictions.map((prediction, i) => ({
    timestamp: `2026-01-01T00:00:0${i}.000Z`,
    request_id: `q${i}`,
    model_name: 'm',
    model_version: 1,
    features: {},
    prediction,
    probability: 0.6,
    latency_ms: 1,
  }));
  const labels = new DataTable([
    categoricalColumn(
      'request_id',
      truth.map((_, i) => `q${i}`),
    ),
    categoricalColumn('y', truth),
  ]);
  const live = liveMetrics(
    records,
    labels,
    { task: 'multiclass', target: 'y', classes: ['a', 'b', 'c'] },
    {
      accuracy: 0.5,
    },
  );
  // confusion (true × predicted): a → a, c; b → a, b, b; c → c. Per class P/R/F1: a .5/.5/.5, b 1/⅔/.8, c .5/1/⅔.
  expect(live.metrics.accuracy).toBeCloseTo(4 / 6, 12);
  expect(live.metrics.precision_macro).toBeCloseTo(2 / 3, 12);
  expect(live.metrics.recall_macro).toBeCloseTo((0.5 + 2 / 3 + 1) / 3, 12);
  expect(live.metrics.f1_macro).toBeCloseTo((0.5 + 0.8 + 2 / 3) / 3, 12);
  expect(live.delta.accuracy).toBeCloseTo(4 / 6 - 0.5, 12);
  expect(Object.keys(live.omitted)).toEqual(['roc_auc', 'log_loss']);
  expect(live.metrics).not.toHaveProperty('roc_auc');
  expect(() =>
    liveMetrics(
      records,
      new DataTable([categoricalColumn('request_id', ['q0']), categoricalColumn('y', ['z'])]),
      { task: 'multiclass', target: 'y', classes: ['a', 'b', 'c'] },
      {},
    ),
  ).toThrow(/label 'z' is not a class of the model \(a, b, c\)/);
});
