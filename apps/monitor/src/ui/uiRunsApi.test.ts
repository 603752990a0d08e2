import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { openRunStore, parseRunFilter, parseRunSort } from '@mlops/registry';
import request from 'supertest';
import { MARKUP_ERROR, type RunsHome, runsHome } from '../__tests__/runsFixture';
import { createDashboard } from '../dashboard/createDashboard';
import type { UiRun, UiRunDetail, UiRunsResponse } from './uiTypes';

// The runs part of the UI's JSON over real HTTP (supertest on the server `monitor serve`
// runs), on runs made through the real run store under a temporary MLOPS_HOME.

let made: RunsHome;
let server: Server;

beforeAll(async () => {
  made = await runsHome('mlops-monitor-ui-runs-');
  server = createDashboard({ home: made.home, defaultModel: 'churn' });
}, 120_000);

afterAll(() => rmSync(made.home, { recursive: true, force: true }));

const runs = async (query: string): Promise<UiRunsResponse> =>
  (await request(server).get(`/api/ui/runs${query}`).expect(200)).body as UiRunsResponse;
const ids = (list: readonly { id: string }[]) => list.map((run) => run.id);
const flat = (list: readonly UiRun[]): string[] => list.flatMap((run) => [run.id, ...flat(run.children)]);

test("GET /api/ui/runs lists every run once, a study's trials under the study and nothing else nested", async () => {
  const response = await request(server).get('/api/ui/runs').expect(200);
  expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  const body = response.body as UiRunsResponse;
  expect(body).toMatchObject({ filters: [], sort: null, limit: 100, matched: 7 });
  // The same runs, in the same order, as the store lists them for `mlops runs list` (newest first).
  const listed = await openRunStore(made.home).list({ limit: 100 });
  expect(ids(body.runs)).toEqual(listed.filter((run) => !run.parentId).map((run) => run.id));
  const study = body.runs.find((run) => run.id === made.study.id);
  expect(new Set(ids(study?.children ?? []))).toEqual(new Set(ids(made.trials)));
  expect(ids(study?.children ?? [])).toEqual(
    listed.filter((run) => run.parentId === made.study.id).map((run) => run.id),
  );
  for (const run of body.runs) if (run.id !== made.study.id) expect(run.children).toEqual([]);
  expect(study).toMatchObject({
    kind: 'tune',
    status: 'finished',
    parent_id: null,
    metrics: { roc_auc: 0.8 },
  });
});

test('sort orders the parents and, under each, its children by the key, runs without it last', async () => {
  const body = await runs(`?sort=${encodeURIComponent('metrics.roc_auc desc')}`);
  expect(body.sort).toBe('metrics.roc_auc desc');
  expect(ids(body.runs)).toEqual([made.tree.id, made.study.id, made.logistic.id, made.failed.id]);
  const [depth2, depth4, pruned] = made.trials;
  expect(ids(body.runs[1].children)).toEqual([depth4.id, depth2.id, pruned.id]);
  const ascending = await runs(`?sort=${encodeURIComponent('metrics.roc_auc asc')}`);
  expect(ids(ascending.runs)).toEqual([made.logistic.id, made.study.id, made.tree.id, made.failed.id]);
});

test('filters are the CLI conditions, all of which must hold; a child whose parent does not match stands alone with its parent id', async () => {
  const trials = await runs(`?filter=${encodeURIComponent('kind = trial')}&sort=params.max_depth`);
  expect(ids(trials.runs)).toEqual(ids(made.trials));
  for (const trial of trials.runs) expect(trial).toMatchObject({ parent_id: made.study.id, children: [] });

  const query = ['metrics.roc_auc > 0.75', 'experiment = churn'];
  const good = await runs(
    `?${query.map((f) => `filter=${encodeURIComponent(f)}`).join('&')}&sort=${encodeURIComponent('metrics.roc_auc asc')}`,
  );
  expect(good.filters).toEqual(query);
  expect(good.matched).toBe(3);
  expect(ids(good.runs)).toEqual([made.study.id, made.tree.id]);
  expect(ids(good.runs[0].children)).toEqual([made.trials[1].id]);
  // The same runs the store gives the CLI's parsed query.
  const listed = await openRunStore(made.home).list({
    filters: query.map(parseRunFilter),
    sort: parseRunSort('metrics.roc_auc asc'),
  });
  expect(new Set(flat(good.runs))).toEqual(new Set(listed.map((run) => run.id)));

  const text = await runs(`?filter=${encodeURIComponent('params.model = boosting')}`);
  expect(ids(text.runs)).toEqual([made.failed.id]);
  expect(text.runs[0]).toMatchObject({ status: 'failed', error: MARKUP_ERROR });
});

test('limit cuts the sorted runs before they are grouped, as mlops runs list --limit does', async () => {
  const body = await runs(`?sort=${encodeURIComponent('metrics.roc_auc desc')}&limit=3`);
  expect(body).toMatchObject({ limit: 3, matched: 3 });
  // tree 0.83, then the study and its best trial (both 0.8).
  expect(flat(body.runs)).toHaveLength(3);
  expect(ids(body.runs)).toEqual([made.tree.id, made.study.id]);
  expect(ids(body.runs[1].children)).toEqual([made.trials[1].id]);
});

test.each([
  [
    'filter=roc_auc%20%3E%200.8',
    'bad-query',
    /run filter 'roc_auc > 0.8' does not parse: write 'metrics.NAME > 0.8'/,
  ],
  ['filter=metrics.roc_auc%20%3E', 'bad-query', /run filter 'metrics.roc_auc >' does not parse/],
  [
    'sort=metrics.roc_auc%20sideways',
    'bad-query',
    /run sort 'metrics.roc_auc sideways' does not parse: write 'metrics.NAME desc'/,
  ],
  ['limit=0', 'bad-query', /limit '0' is not a whole number from 1 to 1000/],
  ['limit=ten', 'bad-query', /limit 'ten' is not a whole number/],
])('GET /api/ui/runs?%s is 400 %s naming the problem in one line', async (query, code, message) => {
  const response = await request(server).get(`/api/ui/runs?${query}`).expect(400);
  expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(response.body.error.code).toBe(code);
  expect(response.body.error.message).toMatch(message);
  expect(response.body.error.message).not.toContain('\n');
});

test('GET /api/ui/runs/:id has the params, metrics, tags, artifacts with sizes, data, version made from it, status, start and end', async () => {
  const { body } = await request(server).get(`/api/ui/runs/${made.logistic.id}`).expect(200);
  const detail = body as UiRunDetail;
  expect(detail.run).toMatchObject({
    id: made.logistic.id,
    experiment: 'churn',
    kind: 'train',
    status: 'finished',
    parent_id: null,
    params: { model: 'logistic', seed: 1, split: 'random', data: made.logistic.params.data },
    metrics: { roc_auc: 0.71, f1: 0.52, fit_seconds: 0.5 },
    tags: { owner: 'ana' },
    error: null,
  });
  expect(detail.run.start_time).toBe(made.logistic.startTime);
  expect(detail.run.end_time).toBe(made.logistic.endTime);
  expect(detail.artifacts).toEqual([{ name: 'model.json', bytes: made.artifactBytes }]);
  expect(detail.data).toEqual({
    path: made.logistic.params.data,
    from_parent: false,
    versions: [
      { model: 'churn', version: 1, data_hash: 'generated:churn:1500:1', data_rows: expect.any(Number) },
    ],
  });
  expect(detail.children).toEqual([]);
  expect(detail.pid).toBe(process.pid);
});

test("a study's detail lists its trials; a trial's names its parent and the study's data", async () => {
  const study = (await request(server).get(`/api/ui/runs/${made.study.id}`).expect(200)).body as UiRunDetail;
  expect(new Set(ids(study.children))).toEqual(new Set(ids(made.trials)));
  expect(study.data.versions).toEqual([]);
  const pruned = made.trials[2];
  const trial = (await request(server).get(`/api/ui/runs/${pruned.id}`).expect(200)).body as UiRunDetail;
  expect(trial.run).toMatchObject({ status: 'pruned', parent_id: made.study.id, error: 'pruned at round 3' });
  expect(trial.data).toMatchObject({ path: made.study.params.data, from_parent: true });
  expect(trial.artifacts).toEqual([]);
});

test.each([
  ['/api/ui/runs/nosuch', 404, 'unknown-run', /no run with id 'nosuch'/],
  ['/api/ui/runs/..%2F..%2Fetc', 404, 'unknown-run', /no run with id/],
  ['/api/ui/runs/abc/artifacts', 404, 'not-found', /no route/],
])('GET %s is %i %s', async (path, status, code, message) => {
  const response = await request(server).get(path).expect(status);
  expect(response.body.error.code).toBe(code);
  expect(response.body.error.message).toMatch(message);
});

test('with a key the runs API needs it too, and a shared runs address keeps its query through the login', async () => {
  const keyed = createDashboard({ home: made.home, defaultModel: 'churn', apiKey: 'runs-key' });
  expect((await request(keyed).get('/api/ui/runs').expect(401)).body.error.code).toBe('unauthorized');
  await request(keyed).get(`/api/ui/runs/${made.tree.id}`).expect(401);
  await request(keyed).get('/api/ui/runs').set('authorization', 'Bearer runs-key').expect(200);
  const shared = '/ui/runs?sort=metrics.roc_auc%20desc&filter=kind%20%3D%20trial';
  await request(keyed)
    .get(shared)
    .expect(303)
    .expect('location', `/login?next=${encodeURIComponent(shared)}`);
  const back = await request(keyed)
    .post(`/login?next=${encodeURIComponent(shared)}`)
    .type('form')
    .send({ key: 'runs-key' })
    .expect(303);
  expect(back.headers.location).toBe(shared);
  // A query cannot smuggle a header break or another host in.
  for (const next of ['/ui/runs?x=\r\nset-cookie:a', '/ui/runs?x=<y>', '/uix?/ui/runs']) {
    const refused = await request(keyed)
      .post(`/login?next=${encodeURIComponent(next)}`)
      .type('form')
      .send({ key: 'runs-key' });
    expect([next, refused.headers.location]).toEqual([next, '/']);
  }
});
