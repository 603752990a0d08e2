import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import request from 'supertest';
import { type RunsHome, regressionRuns, runsHome } from '../__tests__/runsFixture';
import { createDashboard } from '../dashboard/createDashboard';
import type { UiCompareResponse } from './uiTypes';

// The compare view's JSON over real HTTP (supertest on the server `monitor serve`
// runs), on runs made through the real FileSystemRunStore.

let made: RunsHome;
let regression: Awaited<ReturnType<typeof regressionRuns>>;
let server: Server;

beforeAll(async () => {
  made = await runsHome('mlops-monitor-ui-compare-api-');
  regression = await regressionRuns(made.home);
  server = createDashboard({ home: made.home, defaultModel: 'churn' });
}, 60_000);

afterAll(() => rmSync(made.home, { recursive: true, force: true }));

const compare = async (runs: string): Promise<UiCompareResponse> =>
  (await request(server).get(`/api/ui/compare?runs=${runs}`).expect(200)).body;

test('two trainings side by side: every param with whether they differ, every metric in the order asked, no study', async () => {
  const body = await compare(`${made.tree.id},${made.logistic.id}`);
  expect(body.runs.map((run) => run.id)).toEqual([made.tree.id, made.logistic.id]);
  expect(body.params).toEqual([
    { name: 'data', values: [made.tree.params.data, made.logistic.params.data], differs: false },
    { name: 'model', values: ['tree', 'logistic'], differs: true },
    { name: 'seed', values: [1, 1], differs: false },
    // Only the logistic run recorded a split: a missing value differs from a present one.
    { name: 'split', values: [null, 'random'], differs: true },
  ]);
  expect(body.metrics).toEqual([
    { name: 'f1', values: [0.61, 0.52] },
    { name: 'fit_seconds', values: [null, 0.5] },
    { name: 'roc_auc', values: [0.83, 0.71] },
  ]);
  expect(body.study).toBeNull();
});

test("a study's trials come with the study and each trial's value of its metric (a pruned trial's score)", async () => {
  const [depth2, depth4, pruned] = made.trials;
  const body = await compare([depth2.id, depth4.id, pruned.id].join(','));
  expect(body.study).toEqual({
    id: made.study.id,
    experiment: 'churn',
    metric: 'roc_auc',
    values: [0.75, 0.8, 0.6],
  });
  expect(body.params.find((p) => p.name === 'max_depth')).toEqual({
    name: 'max_depth',
    values: [2, 4, 8],
    differs: true,
  });
  // A trial with a run outside its study is no study.
  expect((await compare(`${depth2.id},${made.tree.id}`)).study).toBeNull();
});

test('negative metrics come through as they are', async () => {
  const body = await compare(`${regression.negative.id},${regression.small.id}`);
  expect(body.metrics.find((m) => m.name === 'r2')).toEqual({ name: 'r2', values: [-0.2, 0.012] });
});

test('fewer than 2 ids, more than 10, or an id the store does not hold is a 400 naming runs= and the fix', async () => {
  const refused = async (query: string) => {
    const response = await request(server).get(`/api/ui/compare${query}`).expect(400);
    expect(response.body.error.code).toBe('bad-query');
    expect(response.body.error.message).not.toContain('\n');
    return response.body.error.message as string;
  };
  expect(await refused('')).toBe(
    'runs= names 0 runs: give 2 to 10 run ids separated by commas, e.g. runs=ID1,ID2',
  );
  // Named twice is one run.
  expect(await refused(`?runs=${made.tree.id},${made.tree.id}`)).toBe(
    'runs= names 1 run: give 2 to 10 run ids separated by commas, e.g. runs=ID1,ID2',
  );
  const eleven = Array.from({ length: 11 }, (_, i) => `run-${i}`).join(',');
  expect(await refused(`?runs=${eleven}`)).toMatch(/^runs= names 11 runs: give 2 to 10 run ids/);
  expect(await refused(`?runs=${made.tree.id},nope-1,..%2Fetc`)).toBe(
    'runs= names runs the store does not hold (nope-1, ../etc): pick run ids from /ui/runs or mlops runs list',
  );
});

test('with a key the compare API needs it', async () => {
  const keyed = createDashboard({ home: made.home, defaultModel: 'churn', apiKey: 'compare-key' });
  const path = `/api/ui/compare?runs=${made.tree.id},${made.logistic.id}`;
  expect((await request(keyed).get(path).expect(401)).body.error.code).toBe('unauthorized');
  await request(keyed).get(path).set('authorization', 'Bearer compare-key').expect(200);
});
