import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { logTraffic, monitor, registeredHome } from '../__tests__/fixture';

let home: string;
beforeAll(async () => {
  home = await registeredHome('monitor-labels-');
  // predictions: class 1 with probability 0.8 on every fifth row, else class 0 with 0.2
  await logTraffic(home, {
    from: new Date('2026-05-01T00:00:00Z'),
    rows: 500,
    prediction: (i) => (i % 5 === 0 ? 1 : 0),
  });
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

test('labels that arrive later are joined on request id and scored against the test metrics', async () => {
  const lines = ['request_id,churn'];
  // The first 200 predictions get labels: rows 0, 5, 10… churned (all caught), plus rows 1, 11, 21… (all missed).
  for (let i = 0; i < 200; i += 1)
    lines.push(`r-${Date.parse('2026-05-01T00:00:00Z')}-${i},${i % 5 === 0 || i % 10 === 1 ? 1 : 0}`);
  lines.push('r-unknown-1,1');
  writeFileSync(join(home, 'labels.csv'), lines.join('\n'));
  const result = await monitor(home, [
    'run',
    '--since',
    '2026-05-01T00:00:00Z',
    '--labels',
    join(home, 'labels.csv'),
    '--json',
  ]);
  const live = result.json().live_metrics;
  expect(live.labelled_rows).toBe(200);
  expect(live.unmatched_labels).toBe(1);
  // 40 true positives, 20 false negatives, no false positives
  expect(live.metrics.precision).toBeCloseTo(1, 12);
  expect(live.metrics.recall).toBeCloseTo(40 / 60, 12);
  expect(live.metrics.accuracy).toBeCloseTo(180 / 200, 12);
  expect(live.delta.accuracy).toBeCloseTo(live.metrics.accuracy - live.registered.accuracy, 12);
});

test('a labels file without request ids is a clear error', async () => {
  writeFileSync(join(home, 'bad.csv'), 'id,churn\n1,0\n');
  const result = await monitor(home, [
    'run',
    '--since',
    '2026-05-01T00:00:00Z',
    '--labels',
    join(home, 'bad.csv'),
  ]);
  expect(result.code).toBe(3);
  expect(result.stderr).toMatch(/labels file has no 'request_id' column/);
});
