import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { openRegistry } from '@mlops/registry';
import request from 'supertest';
import { modelsHome } from '../__tests__/uiFixture';
import { createDashboard } from '../dashboard/createDashboard';

// The UI's promote and rollback over real HTTP (supertest on the server `monitor serve`
// runs), checked against the registry on disk: the admin key decides, the registry's
// gate and audit log apply as for the CLI, with actor `ui`.

const KEY = 'ui-admin-key';
let home: string;
let open: Server;
let keyed: Server;

beforeAll(async () => {
  ({ home } = await modelsHome('mlops-monitor-ui-actions-api-'));
  open = createDashboard({ home, defaultModel: 'churn' });
  keyed = createDashboard({ home, defaultModel: 'churn', apiKey: KEY });
}, 120_000);

afterAll(() => rmSync(home, { recursive: true, force: true }));

const registry = () => openRegistry(home);
const post = (server: Server, path: string, body: object, key: string | null = KEY) => {
  const call = request(server).post(path).set('content-type', 'application/json');
  return (key === null ? call : call.set('authorization', `Bearer ${key}`)).send(JSON.stringify(body));
};

test('without a configured key, promote and rollback are refused with 403 and nothing moves', async () => {
  const before = await registry().readAudit('fraud');
  const refused = await post(open, '/api/ui/models/fraud/promote', { version: 1 }, null).expect(403);
  expect(refused.body.error).toEqual({
    code: 'key-required',
    message:
      'promote and rollback need the admin key: start monitor serve with MLOPS_API_KEY set, then log in at /login',
    details: [],
  });
  await post(open, '/api/ui/models/churn/rollback', {}, null).expect(403);
  expect((await registry().readAliases('fraud')).aliases).toEqual({});
  expect((await registry().readAliases('churn')).aliases).toEqual({ production: 2 });
  expect(await registry().readAudit('fraud')).toEqual(before);
});

test('with a key, a missing or wrong one is 401 and nothing moves', async () => {
  for (const key of [null, 'wrong']) {
    const refused = await post(keyed, '/api/ui/models/fraud/promote', { version: 1 }, key).expect(401);
    expect(refused.body.error.code).toBe('unauthorized');
  }
  expect((await registry().readAliases('fraud')).aliases).toEqual({});
});

test('with the key, promote goes through the gate and the audit log as the CLI does, actor ui', async () => {
  const { body } = await post(keyed, '/api/ui/models/fraud/promote', {
    version: 1,
    reason: 'first release',
  }).expect(200);
  expect(body.entry).toMatchObject({
    actor: 'ui',
    action: 'promote',
    alias: 'production',
    from: null,
    to: 1,
    reason: 'first release',
    forced: false,
    gate_passed: true,
  });
  expect((await registry().readAliases('fraud')).aliases).toEqual({ production: 1 });
  expect((await registry().readAudit('fraud')).at(-1)).toMatchObject({
    actor: 'ui',
    action: 'promote',
    to: 1,
    gate: { passed: true },
  });
});

test('a version its gate refuses is 409 with the failed rule, audited as refused, production unmoved', async () => {
  await registry().setGate('churn', 'roc_auc > 0.999', { reason: 'a bar no model reaches' });
  const refused = await post(keyed, '/api/ui/models/churn/promote', { version: 1 }).expect(409);
  expect(refused.body.error.code).toBe('gate-failed');
  expect(refused.body.error.message).toMatch(
    /^v1 of churn was not promoted: its gate refused it \(roc_auc 0\.\d{4} > 0\.9990: FAILED\); production stays where it was\./,
  );
  expect(refused.body.error.details).toEqual([
    { field: 'roc_auc > 0.999', message: expect.stringContaining('FAILED') },
  ]);
  expect((await registry().readAliases('churn')).aliases).toEqual({ production: 2 });
  expect((await registry().readAudit('churn')).at(-1)).toMatchObject({
    actor: 'ui',
    action: 'promote-refused',
    from: 2,
    to: 2,
  });
});

test('rollback moves production back to the version before, audited with actor ui', async () => {
  const { body } = await post(keyed, '/api/ui/models/churn/rollback', { reason: 'v2 misbehaves' }).expect(
    200,
  );
  expect(body.entry).toMatchObject({
    actor: 'ui',
    action: 'rollback',
    from: 2,
    to: 1,
    reason: 'v2 misbehaves',
  });
  expect((await registry().readAliases('churn')).aliases).toEqual({ production: 1 });
  // Nothing earlier to go back to now: the registry's refusal, as a 404 with its message.
  const none = await post(keyed, '/api/ui/models/churn/rollback', {}).expect(404);
  expect(none.body.error.message).toBe("model 'churn' has no earlier production version to roll back to");
});

test('bad bodies, names and versions are refused before anything moves, each with a one-line fix', async () => {
  const refused = async (path: string, body: unknown, status: number, type = 'application/json') => {
    const response = await request(keyed)
      .post(path)
      .set('authorization', `Bearer ${KEY}`)
      .set('content-type', type)
      .send(typeof body === 'string' ? body : JSON.stringify(body))
      .expect(status);
    expect(response.body.error.message).not.toContain('\n');
    return response.body.error;
  };
  // A form post (what another site's page could send) is not JSON.
  expect(
    await refused('/api/ui/models/churn/promote', 'version=2', 400, 'application/x-www-form-urlencoded'),
  ).toEqual({
    code: 'bad-body',
    message: 'send a JSON object as application/json (at most 4 KB): {"version": 3, "reason": "…"}',
    details: [],
  });
  expect((await refused('/api/ui/models/churn/promote', { version: '2' }, 400)).message).toBe(
    'version must be a positive whole number, got "2": send {"version": 3}',
  );
  expect((await refused('/api/ui/models/churn/promote', { version: 2, reason: 7 }, 400)).code).toBe(
    'bad-body',
  );
  expect((await refused('/api/ui/models/churn/promote', { version: 3 }, 409)).code).toBe('archived');
  expect((await refused('/api/ui/models/churn/promote', { version: 9 }, 404)).code).toBe('unknown-version');
  expect((await refused('/api/ui/models/nope/promote', { version: 1 }, 404)).code).toBe('unknown-model');
  expect((await refused('/api/ui/models/..%2Fx/promote', { version: 1 }, 400)).code).toBe('bad-model-name');
  expect((await registry().readAliases('churn')).aliases).toEqual({ production: 1 });
  // Reads stay GET-only elsewhere.
  await request(keyed).post('/api/ui/models/churn').set('authorization', `Bearer ${KEY}`).expect(405);
});
