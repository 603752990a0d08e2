import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { openStores, type Stores } from '@mlops/registry';
import request from 'supertest';
import { challengerStore, labelledChallengerCheck } from '../__tests__/challengerFixture';
import { createDashboard } from '../dashboard/createDashboard';
import type { UiChallengerResponse } from './uiChallengerTypes';

// The champion vs challenger panel's JSON over real HTTP, on a filesystem store whose log
// the project's traffic generator and the API's writer filled (see challengerFixture):
// champion v1 600 requests one a minute from 00:00; from 05:00 a shadow v3 on the same
// requests (wrong on every 4th) and a canary v2 on every 3rd request of its own.

let home: string;
let stores: Stores;
let server: Server;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'mlops-monitor-ui-challenger-'));
  stores = await openStores({ home });
  await challengerStore(stores);
  server = createDashboard({ home, defaultModel: 'churn' });
}, 180_000);

afterAll(async () => {
  await stores?.close();
  rmSync(home, { recursive: true, force: true });
});

const get = async (path: string) =>
  (await request(server).get(path).expect(200)).body as UiChallengerResponse;

test('over the whole log: each role counted, the shadow paired on the same requests, the canary compared by distribution', async () => {
  const body = await get('/api/ui/models/churn/challenger?range=all');
  expect(body).toMatchObject({
    model: 'churn',
    champion_version: 1,
    reason: null,
    window: { range: 'all', from: '2026-02-01T00:00:00.000Z', to: '2026-02-01T09:59:00.000Z' },
    // No `monitor run --labels` check yet.
    live_metrics_source: null,
  });
  const comparison = body.challenger;
  if (!comparison) throw new Error(`no comparison: ${body.reason}`);
  // Class 1 on every 5th of the 600 champion requests.
  expect(comparison.champion).toMatchObject({
    role: 'champion',
    version: 1,
    count: 600,
    predictions: { kind: 'classes', counts: { '0': 480, '1': 120 } },
    live_metrics: null,
  });
  // P 0.2 in bin [0.2, 0.3), P 0.8 in [0.8, 0.9).
  expect(comparison.champion.probability_shares?.[2]).toBeCloseTo(0.8, 12);
  expect(comparison.champion.probability_shares?.[8]).toBeCloseTo(0.2, 12);
  const [canary, shadow] = comparison.challengers;
  // Requests 300, 303, … 597: 100 canary answers, every other one class 1, all at 7 ms.
  expect(canary).toMatchObject({
    role: 'canary',
    version: 2,
    count: 100,
    agreement: null,
    predictions: { kind: 'classes', counts: { '0': 50, '1': 50 } },
    latency_ms: { p50: 7, p95: 7, p99: 7 },
    distribution: { bins: 'classes' },
  });
  // scipy.spatial.distance.jensenshannon([480, 120], [50, 50]) = 0.22510405812771547;
  // PSI = Σ (p − q) ln(p / q) on shares [0.8, 0.2] vs [0.5, 0.5] = 0.41588830833596724.
  expect(canary.distribution?.jensen_shannon).toBeCloseTo(0.22510405812771547, 9);
  expect(canary.distribution?.psi).toBeCloseTo(0.41588830833596724, 9);
  // Requests 300 … 599 scored again; wrong on every 4th of them (300, 304, … 596): 75 of 300.
  expect(shadow).toMatchObject({
    role: 'shadow',
    version: 3,
    count: 300,
    agreement: { pairs: 300, agreement_rate: 0.75, unpaired_shadow: 0, evicted: 0 },
    predictions: { kind: 'classes', counts: { '0': 195, '1': 105 } },
    latency_ms: { p50: 42, p99: 42 },
  });
  // Answered requests: 600 champion + 100 canary; the shadow scored 300 of them again.
  expect(comparison.champion.traffic_share).toBeCloseTo(600 / 700, 12);
  expect(canary.traffic_share).toBeCloseTo(100 / 700, 12);
  expect(shadow.traffic_share).toBeCloseTo(300 / 700, 12);
});

test('a custom range and a preset range bound every role by the same window', async () => {
  // 07:00 … 09:59:59: champion requests 420 … 599, the canary's 420 … 597 (every 3rd), 45 of 180 flipped.
  const custom = await get(
    '/api/ui/models/churn/challenger?from=2026-02-01T07:00:00Z&to=2026-02-01T09:59:59Z',
  );
  expect(custom.window).toEqual({
    range: 'custom',
    from: '2026-02-01T07:00:00.000Z',
    to: '2026-02-01T09:59:59.000Z',
  });
  expect(custom.challenger?.champion.count).toBe(180);
  expect(custom.challenger?.challengers.map((c) => [c.role, c.count])).toEqual([
    ['canary', 60],
    ['shadow', 180],
  ]);
  expect(custom.challenger?.challengers[1].agreement).toMatchObject({ pairs: 180, agreement_rate: 0.75 });
  // The last hour ends at the newest record (09:59): champion 08:59 … 09:59 (61), canary 09:00:30 … 09:57:30 (20).
  const hour = await get('/api/ui/models/churn/challenger?range=1h');
  expect(hour.window.from).toBe('2026-02-01T08:59:00.000Z');
  expect(hour.challenger?.champion.count).toBe(61);
  expect(hour.challenger?.challengers.map((c) => [c.role, c.count])).toEqual([
    ['canary', 20],
    ['shadow', 61],
  ]);
});

test('no challenger traffic in the window, no production version: challenger null with the reason', async () => {
  const before = await get(
    '/api/ui/models/churn/challenger?from=2026-02-01T00:00:00Z&to=2026-02-01T04:59:00Z',
  );
  expect(before).toMatchObject({
    champion_version: 1,
    challenger: null,
    reason: 'no canary or shadow record in this window',
  });
  const fraud = await get('/api/ui/models/fraud/challenger');
  expect(fraud).toMatchObject({ champion_version: null, challenger: null });
  expect(fraud.reason).toContain('no version of fraud is in production');
});

test.each([
  ['/api/ui/models/churn/challenger?range=2w', 400, 'range=2w is not a time range', 'range'],
  [
    '/api/ui/models/churn/challenger?from=yesterday&to=2026-02-01T01:00:00Z',
    400,
    'from=yesterday is not a time',
    'from',
  ],
  ['/api/ui/models/churn/challenger?from=2026-02-01T01:00:00Z', 400, 'to= is missing', 'to'],
  ['/api/ui/models/nope/challenger', 404, "no model named 'nope'", null],
  ['/api/ui/models/Bad!/challenger', 400, 'is not a model name', null],
])('GET %s is %i naming the parameter and the fix', async (path, status, message, parameter) => {
  const response = await request(server).get(path).expect(status);
  expect(response.body.error.message).toContain(message);
  expect(response.body.error.message.split('\n')).toHaveLength(1);
  if (parameter) expect(response.body.error.details).toEqual([{ parameter }]);
});

test('live metrics per role come from the newest labelled check under the champion whose window overlaps the view', async () => {
  const all = await labelledChallengerCheck(stores, home, { file: 'labels-all.csv' });
  const late = await labelledChallengerCheck(stores, home, {
    since: new Date('2026-02-01T07:00:00Z'),
    file: 'labels-late.csv',
  });
  const folder = (reportPath: string) => basename(dirname(reportPath));
  // The whole log overlaps both checks: the newer one (07:00 on) is shown, and named.
  const body = await get('/api/ui/models/churn/challenger?range=all');
  expect(body.live_metrics_source).toEqual({
    report: folder(late.report_path),
    generated_at: expect.any(String),
    window: { from: '2026-02-01T07:00:00.000Z', to: '2026-02-01T09:59:00.000Z' },
  });
  const comparison = body.challenger;
  if (!comparison || !late.challenger) throw new Error('no comparison');
  const [canary, shadow] = comparison.challengers;
  // 07:00 … 09:59: champion requests 420 … 599, each labelled; the canary's 420, 426, … 594 (30).
  expect(comparison.champion.live_metrics?.matched_labels).toBe(180);
  expect(shadow.live_metrics?.matched_labels).toBe(180);
  expect(canary.live_metrics?.matched_labels).toBe(30);
  // The champion predicts 1 on i mod 5 = 0, the label is 1 on i mod 10 ∈ {0, 1}: right on 8 of 10.
  expect(comparison.champion.live_metrics?.metrics.accuracy).toBeCloseTo(0.8, 12);
  // The canary predicts 0 on every labelled (even) request; half of them are 1.
  expect(canary.live_metrics?.metrics.accuracy).toBeCloseTo(0.5, 12);
  // The same numbers the check stored, each with live − test.
  expect(shadow.live_metrics?.metrics).toEqual(late.challenger.challengers[1].live_metrics?.metrics);
  const live = comparison.champion.live_metrics;
  if (!live) throw new Error('no champion metrics');
  for (const [metric, delta] of Object.entries(live.delta))
    expect(delta).toBeCloseTo(live.metrics[metric] - live.registered[metric], 12);
  expect(Object.keys(live.delta)).toContain('accuracy');
  // 05:00 … 06:30 does not overlap the newer check: the whole-log one's metrics are shown.
  const early = await get(
    '/api/ui/models/churn/challenger?from=2026-02-01T05:00:00Z&to=2026-02-01T06:30:00Z',
  );
  expect(early.live_metrics_source?.report).toBe(folder(all.report_path));
  expect(early.challenger?.champion.live_metrics?.matched_labels).toBe(600);
  expect(early.challenger?.champion.live_metrics?.metrics.accuracy).toBeCloseTo(0.8, 12);
  expect(early.challenger?.challengers.map((c) => [c.role, c.live_metrics?.matched_labels])).toEqual([
    ['canary', 50],
    ['shadow', 300],
  ]);
});
