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

test('force: past a refusing gate with a required reason, audited as forced with the gate evaluated, as mlops models promote --force --reason', async () => {
  // churn's gate (roc_auc > 0.999) refuses every version; production is v1 after the rollback above.
  expect((await registry().readAliases('churn')).aliases).toEqual({ production: 1 });
  const refused = await post(keyed, '/api/ui/models/churn/promote', { version: 2 }).expect(409);
  expect(refused.body.error.message).toContain(
    'force it with a reason (Force promote here, or mlops models promote churn 2 --force --reason "…")',
  );
  // Without a reason, or with one of blanks: refused before the gate runs.
  for (const reason of [undefined, '   ']) {
    const missing = await post(keyed, '/api/ui/models/churn/promote', {
      version: 2,
      force: true,
      reason,
    }).expect(400);
    expect(missing.body.error).toEqual({
      code: 'bad-body',
      message:
        'a forced promotion needs a reason (it goes into the audit entry): send {"version": 3, "force": true, "reason": "why"}',
      details: [],
    });
  }
  const notBoolean = await post(keyed, '/api/ui/models/churn/promote', {
    version: 2,
    force: 'yes',
    reason: 'x',
  }).expect(400);
  expect(notBoolean.body.error.message).toBe(
    'force must be true or false, got "yes": send {"version": 3, "force": true, "reason": "why"}',
  );
  await post(keyed, '/api/ui/models/churn/rollback', { force: true }).expect(400);
  // Without the key: 403 where none is configured, 401 where the request lacks it; nothing moves.
  const body = { version: 2, force: true, reason: 'hotfix' };
  expect((await post(open, '/api/ui/models/churn/promote', body, null).expect(403)).body.error.code).toBe(
    'key-required',
  );
  expect((await post(keyed, '/api/ui/models/churn/promote', body, null).expect(401)).body.error.code).toBe(
    'unauthorized',
  );
  expect((await post(keyed, '/api/ui/models/churn/promote', body, 'wrong').expect(401)).body.error.code).toBe(
    'unauthorized',
  );
  expect((await registry().readAliases('churn')).aliases).toEqual({ production: 1 });
  const before = (await registry().readAudit('churn')).length;
  const forced = await post(keyed, '/api/ui/models/churn/promote', {
    version: 2,
    force: true,
    reason: '  v1 leaks memory; v2 fixes it  ',
  }).expect(200);
  expect(forced.body.entry).toMatchObject({
    actor: 'ui',
    action: 'promote',
    from: 1,
    to: 2,
    forced: true,
    gate_passed: false,
    reason: 'v1 leaks memory; v2 fixes it',
  });
  expect((await registry().readAliases('churn')).aliases).toEqual({ production: 2 });
  const audit = await registry().readAudit('churn');
  expect(audit).toHaveLength(before + 1);
  expect(audit.at(-1)).toMatchObject({
    actor: 'ui',
    action: 'promote',
    forced: true,
    reason: 'v1 leaks memory; v2 fixes it',
    gate: { passed: false },
  });
  expect(audit.at(-1)?.gate?.rules?.find((r) => !r.passed)?.rule).toBe('roc_auc > 0.999');
});
