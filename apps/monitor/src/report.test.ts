import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { logTraffic, monitor, registeredHome } from './__tests__/fixture';

let home: string;
beforeAll(async () => {
  home = await registeredHome('mlops-monitor-report-');
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

test('a run writes report.json, a self-contained report.html and SVG charts', async () => {
  // Made-up predictions, 1 on every fifth row, so the aggregates are known exactly.
  await logTraffic(home, {
    from: new Date('2026-01-01T00:00:00Z'),
    stepMs: 10_000,
    prediction: (i) => (i % 5 === 0 ? 1 : 0),
  });
  const out = join(home, 'out-1');
  const run = await monitor(home, ['run', '--json', '--since', '2026-01-01T00:00:00Z', '--out', out]);
  expect(run.code).toBe(0);
  const result = run.json();
  expect(result.html_path).toBe(join(out, 'report.html'));
  const html = readFileSync(result.html_path, 'utf8');
  expect(html).toContain('<svg');
  expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/); // nothing to fetch, nothing to run
  const charts = readdirSync(join(out, 'charts'));
  expect(charts).toEqual(
    expect.arrayContaining([
      'prediction-timeseries.svg',
      'prediction-histogram.svg',
      'feature-monthly_charges.svg',
      'feature-contract.svg',
    ]),
  );
  const report = JSON.parse(readFileSync(result.report_path, 'utf8'));
  // 2,000 rows, 10 s apart, span 6 hours: profiled hour by hour, then merged.
  expect(report.aggregates.predictions).toBe(2_000);
  expect(report.aggregates.positiveRate).toBeCloseTo(0.2, 12);
  expect(report.aggregates.latency).toMatchObject({ p50: 5, p90: 9, max: 10 });
  expect(report.prediction_drift).toMatchObject({ column: 'prediction', test: 'jensenshannon' });
  expect(statSync(result.html_path).size).toBeLessThan(2 * 1024 * 1024);
});

test('data-quality checks count missing, out-of-range and unseen categories against the feature schema', async () => {
  await logTraffic(home, {
    from: new Date('2026-02-01T00:00:00Z'),
    set: (i): Record<string, number | string | null> =>
      i < 30 ? { usage_hours: 400, contract: 'weekly' } : i < 50 ? { tenure_months: null } : {},
  });
  const run = await monitor(home, [
    'run',
    '--json',
    '--since',
    '2026-02-01T00:00:00Z',
    '--out',
    join(home, 'out-2'),
  ]);
  const report = JSON.parse(readFileSync(run.json().report_path, 'utf8'));
  const byColumn = Object.fromEntries(
    report.data_quality.features.map((f: { column: string }) => [f.column, f]),
  );
  expect(byColumn.usage_hours).toMatchObject({ outOfRange: 30, examples: [400] });
  expect(byColumn.age).toBeUndefined(); // sensitive: never logged, never checked
  expect(byColumn.contract).toMatchObject({ unseenCategories: 30, examples: ['weekly'] });
  expect(byColumn.tenure_months).toMatchObject({ missing: 20 });
  expect(byColumn.monthly_charges).toMatchObject({ missing: 0, outOfRange: 0, unseenCategories: 0 });
  expect(report.data_quality.issues).toBe(3);
});

test('prediction drift: a model that suddenly predicts churn for everyone is flagged', async () => {
  await logTraffic(home, { from: new Date('2026-03-01T00:00:00Z'), prediction: () => 1 });
  const run = await monitor(home, [
    'run',
    '--json',
    '--since',
    '2026-03-01T00:00:00Z',
    '--out',
    join(home, 'out-3'),
  ]);
  expect(run.json().prediction_drift).toMatchObject({ drifted: true });
  expect(run.json().drift.level).toBe('stable'); // inputs unchanged: the alert level is about features
});

test('--window keeps the newest rows or the newest stretch of time', async () => {
  // Shifted traffic in the last 600 rows (one per second): the last 10 minutes are drifted, the whole day is less so.
  await logTraffic(home, { from: new Date('2026-04-01T00:00:00Z'), rows: 1_400, seed: 8 });
  await logTraffic(home, {
    from: new Date('2026-04-01T00:30:00Z'),
    rows: 600,
    seed: 9,
    shift: { monthly_charges: 60 },
  });
  const rows = await monitor(home, [
    'run',
    '--json',
    '--since',
    '2026-04-01T00:00:00Z',
    '--window',
    '500',
    '--out',
    join(home, 'w1'),
  ]);
  expect(rows.json().predictions).toBe(500);
  expect(rows.code).toBe(1);
  const time = await monitor(home, [
    'run',
    '--json',
    '--since',
    '2026-04-01T00:00:00Z',
    '--window',
    '5m',
    '--out',
    join(home, 'w2'),
  ]);
  expect(time.json().predictions).toBe(301); // 00:35:59 back to 00:30:59 inclusive
  const bad = await monitor(home, ['run', '--window', 'fortnight']);
  expect(bad.code).toBe(3);
  expect(bad.stderr).toMatch(/'fortnight' is not a window/);
  expect(existsSync(join(home, 'w2', 'report.html'))).toBe(true);
});
