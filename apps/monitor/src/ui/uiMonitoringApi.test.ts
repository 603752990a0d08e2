import { readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { pathUnder, readPredictionLog, storeLayout } from '@mlops/registry';
import request from 'supertest';
import { registeredHome } from '../__tests__/fixture';
import {
  type ApiReplica,
  closedPort,
  type MonitoringHome,
  monitoringHome,
  startApiReplica,
} from '../__tests__/monitoringFixture';
import { createDashboard } from '../dashboard/createDashboard';
import type { UiDriftResponse, UiReplicasResponse, UiServingResponse } from './uiTypes';

// The monitoring views' JSON over real HTTP, on a store the project's generators and
// `monitor run` made (three stored checks over two days, two versions' traffic), and
// a real API replica (apps/api's build) beside one that is down.

let made: MonitoringHome;
let apiHome: string;
let replica: ApiReplica;
let deadUrl: string;
let server: Server;

beforeAll(async () => {
  made = await monitoringHome('mlops-monitor-ui-monitoring-');
  apiHome = await registeredHome('mlops-monitor-ui-replica-');
  replica = await startApiReplica(apiHome);
  deadUrl = `http://127.0.0.1:${await closedPort()}`;
  server = createDashboard({ home: made.home, defaultModel: 'churn', apiUrls: [replica.url, deadUrl] });
}, 180_000);

afterAll(async () => {
  await replica?.stop();
  rmSync(made.home, { recursive: true, force: true });
  rmSync(apiHome, { recursive: true, force: true });
});

const report = (id: string) =>
  JSON.parse(
    readFileSync(join(pathUnder(storeLayout(made.home).reports, 'churn'), id, 'report.json'), 'utf8'),
  );

test('drift over all time lists every stored check oldest first, each as monitor run wrote it, and opens the newest', async () => {
  const body = (await request(server).get('/api/ui/models/churn/drift?range=all').expect(200))
    .body as UiDriftResponse;
  expect(body.window).toEqual({
    range: 'all',
    from: '2026-01-01T00:00:00.000Z',
    to: '2026-01-02T23:59:00.000Z',
  });
  expect(body.checks.map((c) => c.id)).toEqual(made.checks);
  expect(body.checks.map((c) => c.level)).toEqual(made.levels);
  expect(body.checks.map((c) => c.version)).toEqual([1, 2, 2]);
  // A 12h window ending at 23:59 starts at 11:59 inclusive, as monitor run reads it: 721 rows.
  expect(body.checks.map((c) => c.predictions)).toEqual([1440, 720, 721]);
  const newest = report(made.checks[2]);
  expect(body.report?.id).toBe(made.checks[2]);
  // The drill-down is the report's own, most drifted first, not recomputed.
  expect(body.report?.features.map((f) => f.column)).toEqual(
    newest.feature_details.map((d: { column: string }) => d.column),
  );
  const top = body.report?.features[0];
  expect(top?.column).toBe(newest.feature_details[0].column);
  expect(top?.statistic).toBe(newest.feature_details[0].drift.statistic);
  expect(top?.distribution?.current).toEqual(newest.feature_details[0].distribution.current);
  expect(body.checks[2].scores[top?.column ?? '']).toBeCloseTo(newest.feature_details[0].drift_score, 12);
  // The labelled check: performance over time against the version's test metrics.
  expect(body.report?.performance?.rows).toBe(720);
  expect(body.report?.performance?.registered).toEqual(newest.performance.registered);
  expect(body.report?.performance?.over_time.length).toBeGreaterThan(1);
  expect(body.checks[0].live_metrics).toBeNull();
  expect(body.checks[2].live_metrics).toEqual(newest.live_metrics.metrics);
});

test('drift filters checks by version and range (ending at the newest logged prediction), and report= opens an older one', async () => {
  const v1 = (await request(server).get('/api/ui/models/churn/drift?range=all&version=1').expect(200))
    .body as UiDriftResponse;
  expect(v1.checks.map((c) => c.id)).toEqual([made.checks[0]]);
  expect(v1.report?.version).toBe(1);
  // The last 1h holds only the newest check's window end; 24h back from 2026-01-02T23:59 reaches
  // the first check's window end (2026-01-01T23:59) exactly, so it holds all three.
  const hour = (await request(server).get('/api/ui/models/churn/drift?range=1h').expect(200))
    .body as UiDriftResponse;
  expect(hour.window.from).toBe('2026-01-02T22:59:00.000Z');
  expect(hour.checks.map((c) => c.id)).toEqual([made.checks[2]]);
  const day = (await request(server).get('/api/ui/models/churn/drift').expect(200)).body as UiDriftResponse;
  expect(day.window.range).toBe('24h');
  expect(day.checks.map((c) => c.id)).toEqual(made.checks);
  const older = (
    await request(server).get(`/api/ui/models/churn/drift?range=all&report=${made.checks[1]}`).expect(200)
  ).body as UiDriftResponse;
  expect(older.report?.id).toBe(made.checks[1]);
  expect(older.report?.performance).toBeNull();
  // fraud has no traffic and no check: an empty answer, not an error.
  const fraud = (await request(server).get('/api/ui/models/fraud/drift').expect(200)).body as UiDriftResponse;
  expect(fraud).toMatchObject({ checks: [], report: null, window: { from: null, to: null } });
});

test('serving counts each version on its own, per whole-minute bucket, with latency percentiles', async () => {
  const all = (await request(server).get('/api/ui/models/churn/serving?range=all').expect(200))
    .body as UiServingResponse;
  expect(all.traffic.map((t) => [t.version, t.rows])).toEqual([
    [1, 1440],
    [2, 1440],
  ]);
  // Two days of one-a-minute traffic on 30-minute buckets: 96 buckets, each version 30 a bucket on its day, 0 on the other.
  expect(all.bucket_minutes).toBe(30);
  expect(all.buckets.length).toBe(96);
  expect(all.buckets[0]).toBe('2026-01-01T00:00:00.000Z');
  const [v1, v2] = all.traffic;
  expect(v1.counts.slice(0, 48)).toEqual(new Array(48).fill(30));
  expect(v1.counts.slice(48)).toEqual(new Array(48).fill(0));
  expect(v2.counts.slice(48)).toEqual(new Array(48).fill(30));
  expect(v1.counts.reduce((a, b) => a + b, 0)).toBe(1440);
  expect(all.bucket_covered_minutes.every((m) => m === 30)).toBe(true);
  for (const t of all.traffic) {
    expect(t.latency).not.toBeNull();
    expect(t.latency?.p50).toBeLessThanOrEqual(t.latency?.p99 ?? 0);
    expect(t.positive_rate?.length).toBe(96);
  }
  // v2 alone over its last hour: one-minute buckets, 60 predictions (22:59 to 23:59 inclusive is 61 minutes).
  const hour = (await request(server).get('/api/ui/models/churn/serving?range=1h&version=2').expect(200))
    .body as UiServingResponse;
  expect(hour.bucket_minutes).toBe(1);
  expect(hour.traffic.map((t) => [t.version, t.rows])).toEqual([[2, 61]]);
  expect(hour.buckets[0]).toBe('2026-01-02T22:59:00.000Z');
  expect(hour.traffic[0].counts).toEqual(new Array(61).fill(1));
  const v1Day2 = (await request(server).get('/api/ui/models/churn/serving?range=24h&version=1').expect(200))
    .body as UiServingResponse;
  // 24h back from 2026-01-02T23:59 reaches v1's very last prediction (2026-01-01T23:59) and nothing before.
  expect(v1Day2.traffic.map((t) => t.rows)).toEqual([1]);
});

/** Nearest-rank percentile of `values` (independent of the server's counting). */
function nearestRank(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1];
}

test('a custom from/to range: both ends included, whatever the newest prediction, for drift and serving alike', async () => {
  const from = '2026-01-01T22:00:00Z';
  const to = '2026-01-02T02:00:00Z';
  const serving = (
    await request(server).get(`/api/ui/models/churn/serving?from=${from}&to=${to}`).expect(200)
  ).body as UiServingResponse;
  expect(serving.window).toEqual({
    range: 'custom',
    from: '2026-01-01T22:00:00.000Z',
    to: '2026-01-02T02:00:00.000Z',
  });
  // 22:00..23:59 of v1 (120 minutes) and 00:00..02:00 of v2 (121 minutes, both ends included).
  expect(serving.traffic.map((t) => [t.version, t.rows])).toEqual([
    [1, 120],
    [2, 121],
  ]);
  expect(serving.bucket_minutes).toBe(5);
  expect(serving.buckets[0]).toBe('2026-01-01T22:00:00.000Z');
  expect(serving.buckets.at(-1)).toBe('2026-01-02T02:00:00.000Z');
  expect(serving.bucket_covered_minutes.at(-1)).toBe(1);
  // The first check's window ends at 2026-01-01T23:59, inside; the others end on day 2 after 02:00.
  const drift = (await request(server).get(`/api/ui/models/churn/drift?from=${from}&to=${to}`).expect(200))
    .body as UiDriftResponse;
  expect(drift.window.range).toBe('custom');
  expect(drift.checks.map((c) => c.id)).toEqual([made.checks[0]]);
  // Nothing logged in a custom range (fraud has no traffic): an empty answer with the range's own ends.
  const fraud = (await request(server).get(`/api/ui/models/fraud/serving?from=${from}&to=${to}`).expect(200))
    .body as UiServingResponse;
  expect(fraud).toMatchObject({ traffic: [], window: { range: 'custom', from: '2026-01-01T22:00:00.000Z' } });
});

test('latency over time: p50/p95/p99 per bucket and version, as nearest rank over the logged latency_ms of each bucket', async () => {
  const body = (await request(server).get('/api/ui/models/churn/serving?range=all').expect(200))
    .body as UiServingResponse;
  const { records } = await readPredictionLog({ dir: storeLayout(made.home).predictions, model: 'churn' });
  const width = body.bucket_minutes * 60_000;
  const origin = Date.parse(body.buckets[0]);
  for (const t of body.traffic) {
    const perBucket: number[][] = body.buckets.map(() => []);
    for (const r of records) {
      if (r.model_version !== t.version) continue;
      perBucket[Math.floor((Date.parse(r.timestamp) - origin) / width)].push(r.latency_ms);
    }
    expect(t.latency_over_time.p50).toHaveLength(body.buckets.length);
    perBucket.forEach((values, b) => {
      const expected = values.length
        ? [nearestRank(values, 0.5), nearestRank(values, 0.95), nearestRank(values, 0.99)]
        : [null, null, null];
      expect([t.latency_over_time.p50[b], t.latency_over_time.p95[b], t.latency_over_time.p99[b]]).toEqual(
        expected,
      );
    });
    // The log's latencies cycle 1..10 ms: a bucket of 30 holds each three times.
    expect(t.latency_over_time.p99.filter((v) => v !== null).every((v) => v === 10)).toBe(true);
  }
});

test('replicas: a real API replica is read from its /metrics, one that does not answer is down', async () => {
  const row = {
    tenure_months: 3,
    monthly_charges: 69.75,
    num_complaints: 4,
    usage_hours: 6.37,
    support_calls: 7,
    age: 54,
    contract: 'month-to-month',
    payment_method: 'electronic-check',
    internet_service: 'dsl',
  };
  for (let i = 0; i < 3; i += 1) await request(replica.url).post('/predict').send(row).expect(200);
  await request(replica.url).post('/predict').send({ tenure_months: 'three' }).expect(422);
  const body = (await request(server).get('/api/ui/replicas?model=churn').expect(200))
    .body as UiReplicasResponse;
  expect(body.configured).toBe(true);
  const [up, down] = body.replicas;
  expect(up).toMatchObject({ url: replica.url, up: true, error: null, client_errors: 1, server_errors: 0 });
  expect(up.predictions_by_version).toEqual({ '1': 3 });
  expect(up.requests_by_status['200']).toBeGreaterThanOrEqual(3);
  expect(down).toMatchObject({ url: deadUrl, up: false, requests: 0 });
  expect(down.error).toContain('not reachable');
  const none = createDashboard({ home: made.home, defaultModel: 'churn' });
  expect((await request(none).get('/api/ui/replicas').expect(200)).body).toMatchObject({
    configured: false,
    replicas: [],
  });
});

test.each([
  [
    '/api/ui/models/churn/drift?range=2w',
    400,
    'range=2w is not a time range: give one of 1h, 24h, 7d, 30d, all',
  ],
  ['/api/ui/models/churn/serving?version=9', 400, 'version=9 is not a version of churn: give one of 1, 2'],
  ['/api/ui/models/churn/serving?version=1.5', 400, 'version=1.5 is not a version of churn'],
  ['/api/ui/models/churn/drift?report=nope', 400, 'report=nope is not a drift check of churn'],
  [
    '/api/ui/models/churn/serving?from=yesterday&to=2026-01-02T00:00:00Z',
    400,
    'from=yesterday is not a time: give an ISO 8601 time with its zone',
  ],
  [
    '/api/ui/models/churn/drift?from=2026-01-02T00:00:00Z&to=2026-01-02T10:00',
    400,
    'to=2026-01-02T10:00 is not a time',
  ],
  ['/api/ui/models/churn/serving?from=2026-01-02T00:00:00Z', 400, 'to= is missing'],
  [
    '/api/ui/models/churn/serving?from=2026-01-02T10:00:00Z&to=2026-01-02T09:00:00Z',
    400,
    'from=2026-01-02T10:00:00Z is not before to=2026-01-02T09:00:00Z',
  ],
  [
    '/api/ui/models/churn/drift?range=1h&from=2026-01-02T00:00:00Z&to=2026-01-02T09:00:00Z',
    400,
    'give either a range or a custom from= and to=',
  ],
  ['/api/ui/models/nope/drift', 404, "no model named 'nope'"],
  ['/api/ui/models/Bad!/serving', 400, 'is not a model name'],
  ['/api/ui/replicas?model=nope', 404, "no model named 'nope'"],
])('GET %s is %i naming the field and the fix', async (path, status, message) => {
  const response = await request(server).get(path).expect(status);
  expect(response.body.error.message).toContain(message);
  expect(response.body.error.message.split('\n')).toHaveLength(1);
  // A bad time parameter is named in the details too, for a client to point at its input.
  const named = /^(from|to|range)=/.exec(message)?.[1];
  if (named && status === 400) {
    expect(response.body.error.details).toEqual([
      { parameter: message.includes('give either') ? 'range' : named },
    ]);
  }
});
