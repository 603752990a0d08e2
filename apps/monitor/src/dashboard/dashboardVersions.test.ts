import { rmSync } from 'node:fs';
import { openRegistry } from '@mlops/registry';
import { registerTrained } from '@mlops/testkit';
import { logTraffic, registeredHome } from '../__tests__/fixture';
import { dashboardSummary } from './dashboardData';

// The old dashboard's defects of issue #18, reproduced on a log the generators made:
// its count, rate and series added every version's predictions while its drift was the
// live version's, and its span/60 buckets split the log's per-minute sums so that most
// buckets of a short stretch were empty (the bars and the rate line full of gaps).

let home: string;
beforeAll(async () => {
  home = await registeredHome('mlops-monitor-dashboard-versions-');
  const registry = openRegistry(home);
  await logTraffic(home, { from: new Date('2026-01-01T00:00:00Z'), rows: 300 });
  const v2 = await registerTrained(registry, 'churn', { dataset: 'churn', rows: 3_000, seed: 2 });
  await registry.promote('churn', v2, { force: true, reason: 'dashboard test' });
  // 200 predictions of v2 a second apart: 3 minutes and 20 seconds.
  await logTraffic(home, { version: v2, from: new Date('2026-01-01T01:00:00Z'), rows: 200, seed: 8 });
}, 60_000);
afterAll(() => rmSync(home, { recursive: true, force: true }));

test("the dashboard's counts, rate and series are the live version's alone, and it says how many it left out", async () => {
  const summary = await dashboardSummary({ home, registry: openRegistry(home), model: 'churn' });
  expect(summary.live_version).toBe(2);
  expect(summary.drift?.window_rows).toBe(200);
  expect(summary.aggregates.predictions).toBe(200);
  expect(summary.aggregates_version).toBe(2);
  expect(summary.other_versions_rows).toBe(300);
  expect(summary.aggregates.series.reduce((total, p) => total + p.count, 0)).toBe(200);
  expect(summary.recent.every((r) => r.model_version === 2)).toBe(true);
});

test('the series has one bucket per whole minute of traffic, none empty inside it, the partial last one said so', async () => {
  const { series } = (await dashboardSummary({ home, registry: openRegistry(home), model: 'churn' }))
    .aggregates;
  expect(series.map((p) => p.start)).toEqual([
    '2026-01-01T01:00:00.000Z',
    '2026-01-01T01:01:00.000Z',
    '2026-01-01T01:02:00.000Z',
    '2026-01-01T01:03:00.000Z',
  ]);
  expect(series.map((p) => p.count)).toEqual([60, 60, 60, 20]);
  expect(series.every((p) => p.positiveRate !== null)).toBe(true);
  // Each bucket's minutes inside the traffic: the page draws count / minutes, so the last is no false drop.
  expect(series.map((p) => p.minutes)).toEqual([1, 1, 1, 1]);
});
