import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import request from 'supertest';
import { MARKUP_REASON, modelsHome } from '../__tests__/uiFixture';
import { createDashboard } from '../dashboard/createDashboard';
import type { UiModelDetail, UiModelsResponse } from './uiTypes';

// The UI's JSON over real HTTP (supertest on the server `monitor serve` runs), on a
// registry made by the test kit and a report made by `monitor run`.

let home: string;
let churnDriftLevel: string;
let server: Server;

beforeAll(async () => {
  ({ home, churnDriftLevel } = await modelsHome('mlops-monitor-ui-api-'));
  server = createDashboard({ home, defaultModel: 'churn' });
}, 120_000);

afterAll(() => rmSync(home, { recursive: true, force: true }));

test('GET /api/ui/models lists every model with its production version, aliases, archived versions, gate and last drift level', async () => {
  const response = await request(server).get('/api/ui/models').expect(200);
  expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  const { models } = response.body as UiModelsResponse;
  expect(models.map((m) => m.name)).toEqual(['churn', 'fraud']);
  const [churn, fraud] = models;
  expect(churn).toMatchObject({
    task: 'binary',
    versions: 3,
    production_version: 2,
    aliases: { production: 2 },
    archived_versions: [3],
    gate: null,
    last_drift: { level: churnDriftLevel, version: 2 },
  });
  expect(churn.gate_applied).toContain('baseline');
  expect(fraud).toMatchObject({
    versions: 1,
    production_version: null,
    aliases: {},
    archived_versions: [],
    gate: 'roc_auc > 0.6',
    gate_applied: 'roc_auc > 0.6',
    last_drift: null,
  });
});

test('GET /api/ui/models/churn has its versions newest first with metrics, gate, data hash, params and flags, and the audit trail', async () => {
  const { body } = await request(server).get('/api/ui/models/churn').expect(200);
  const detail = body as UiModelDetail;
  expect(detail.model.name).toBe('churn');
  expect(detail.versions.map((v) => [v.version, v.production, v.archived])).toEqual([
    [3, false, true],
    [2, true, false],
    [1, false, false],
  ]);
  const v2 = detail.versions[1];
  expect(v2.aliases).toEqual(['production']);
  expect(v2.metrics.roc_auc).toBeGreaterThan(0.5);
  expect(v2.baseline_metrics.roc_auc).toBeCloseTo(0.5, 6);
  expect(v2.data_hash).toBe('generated:churn:3000:2');
  expect(v2.data_rows).toBeGreaterThan(0);
  expect(v2.seed).toBe(2);
  expect(typeof v2.params).toBe('object');
  expect(Number.isNaN(Date.parse(v2.created_at))).toBe(false);
  // Its gate was evaluated against v1, scored on v2's own held-out rows.
  expect(v2.gate.rules.length).toBeGreaterThan(0);
  expect(v2.gate.checks).toHaveLength(v2.gate.rules.length);
  expect(v2.gate.rules.some((r) => r.against === 'production')).toBe(true);
  expect(v2.production_comparison).toMatchObject({ version: 1, same_rows: true });
  expect(v2.production_comparison?.rows).toBeGreaterThan(0);
  expect(v2.production_comparison?.metrics.roc_auc).toBeGreaterThan(0.5);
  expect(v2.production_comparison?.error).toBeNull();
  // Metrics are numbers only: the confusion matrix is left out.
  for (const v of detail.versions)
    for (const value of Object.values(v.metrics)) expect(typeof value).toBe('number');
  expect(detail.audit.map((e) => [e.action, e.alias, e.from, e.to])).toEqual([
    ['promote', 'production', null, 1],
    ['promote', 'production', 1, 2],
    ['archive', 'v3', null, null],
  ]);
  expect(detail.audit[1]).toMatchObject({ reason: MARKUP_REASON, forced: true });
  expect(typeof detail.audit[1].gate_passed).toBe('boolean');
});

test('a version registered with no production has no production comparison, rather than a made-up one', async () => {
  const { body } = await request(server).get('/api/ui/models/fraud').expect(200);
  const detail = body as UiModelDetail;
  expect(detail.versions).toHaveLength(1);
  expect(detail.versions[0].production_comparison).toBeNull();
  expect(detail.audit.map((e) => [e.action, e.reason])).toEqual([['set-gate', 'fraud needs its own floor']]);
});

test.each([
  ['/api/ui/models/%3Cimg%20src%3Dx%3E', 400, 'bad-model-name', /is not a model name/],
  ['/api/ui/models/Churn', 400, 'bad-model-name', /lowercase/],
  ['/api/ui/models/%E0%A4%A', 400, 'bad-model-name', /percent-encoding/],
  ['/api/ui/models/nosuch', 404, 'unknown-model', /no model named 'nosuch'.*churn, fraud/],
  ['/api/ui/models/churn/versions', 404, 'not-found', /no route/],
  ['/api/ui/experiments', 404, 'not-found', /no route/],
])('GET %s is %i %s with a one-line message', async (path, status, code, message) => {
  const response = await request(server).get(path).expect(status);
  expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(response.body.error.code).toBe(code);
  expect(response.body.error.message).toMatch(message);
  expect(response.body.error.message).not.toContain('\n');
});

test('every path under /ui is the same static page, and its script and styles are served from the package', async () => {
  const models = await request(server).get('/ui/models').expect(200);
  const markup = await request(server).get('/ui/models/%3Cscript%3Ealert(1)%3C%2Fscript%3E').expect(200);
  expect(models.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(markup.text).toBe(models.text);
  expect(models.text).toContain('<script src="/assets/ui.js" defer></script>');
  expect(models.headers['content-security-policy']).toContain("script-src 'self'");
  const script = await request(server).get('/assets/ui.js').expect(200);
  expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
  expect(script.text).toContain('/api/ui/models');
  // Built with the DOM API: the bundle never writes markup from strings.
  expect(script.text).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  await request(server).get('/assets/ui.css').expect(200).expect('content-type', 'text/css; charset=utf-8');
});

test('with a key the UI API needs it and the pages send the browser to the login form; without one only loopback names are answered', async () => {
  const keyed = createDashboard({ home, defaultModel: 'churn', apiKey: 'ui-test-key' });
  const refused = await request(keyed).get('/api/ui/models').expect(401);
  expect(refused.body.error.code).toBe('unauthorized');
  await request(keyed)
    .get('/ui/models/churn')
    .expect(303)
    .expect('location', '/login?next=%2Fui%2Fmodels%2Fchurn');
  await request(keyed).get('/api/ui/models').set('authorization', 'Bearer wrong').expect(401);
  await request(keyed).get('/api/ui/models').set('authorization', 'Bearer ui-test-key').expect(200);
  // The page's code is public (it holds no data); the data is not.
  await request(keyed).get('/assets/ui.js').expect(200);
  const charts = await request(keyed).get('/assets/ui-charts.js').expect(200);
  expect(charts.headers['content-type']).toBe('text/javascript; charset=utf-8');
  expect(charts.text).toContain('mlopsCompareCharts');
  const rebound = await request(server).get('/api/ui/models').set('host', 'evil.example').expect(403);
  expect(rebound.body.error.code).toBe('forbidden-host');
});

test('the login brings a browser back to the UI page it asked for, and never off this server', async () => {
  const keyed = createDashboard({ home, defaultModel: 'churn', apiKey: 'ui-test-key' });
  const logIn = (next: string, key = 'ui-test-key') =>
    request(keyed)
      .post(`/login?next=${encodeURIComponent(next)}`)
      .type('form')
      .send({ key });
  const back = await logIn('/ui/models/churn').expect(303);
  expect(back.headers.location).toBe('/ui/models/churn');
  expect(back.headers['set-cookie']?.[0]).toMatch(/^mlops_monitor_session=/);
  for (const next of [
    'https://evil.example/ui',
    '//evil.example/ui',
    '/ui\\evil',
    '/ui/x\r\nset-cookie: a=b',
    '/api/ui/models',
  ]) {
    expect([next, (await logIn(next).expect(303)).headers.location]).toEqual([next, '/']);
  }
  // A wrong key shows the form again at the same address, so the retry still comes back.
  await logIn('/ui/models/churn', 'wrong').expect(401);
  const form = await request(keyed).get('/login?next=%2Fui%2Fmodels%2Fchurn').expect(200);
  expect(form.text).toContain('<form method="post">');
});
