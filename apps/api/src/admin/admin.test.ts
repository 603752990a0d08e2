import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { RegistryError, storeLayout } from '@mlops/registry';
import request from 'supertest';
import {
  registerChurnVersion,
  startTestServer,
  stopTestServer,
  type TestServer,
} from '../__tests__/testServer';

const KEY = 's3cret-admin-key';
let server: TestServer;
beforeEach(async () => {
  server = await startTestServer({ apiKey: KEY });
  // v2: retrained on v1's rows, an equal model, which passes the default gate ("no worse
  // than production"); v3: one feature only, which does not (its ROC-AUC is far below v1's
  // on v3's own held-out rows).
  await registerChurnVersion(server.registry, 1);
  await registerChurnVersion(server.registry, 3, { features: ['tenure_months'] });
});
afterEach(() => stopTestServer(server));

const admin = (path: string) => request(server.app).post(path).set('Authorization', `Bearer ${KEY}`);

test('admin routes are off (404 admin_disabled) when no API key is configured', async () => {
  const off = await startTestServer();
  try {
    for (const path of ['/admin/reload', '/admin/models/churn/promote', '/admin/models/churn/rollback']) {
      const res = await request(off.app)
        .post(path)
        .set('Authorization', 'Bearer anything')
        .send({ version: 1 });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('admin_disabled');
      expect(res.body.error.message).toMatch(/MLOPS_API_KEY/);
    }
  } finally {
    await stopTestServer(off);
  }
});

test.each([
  ['no Authorization header', undefined],
  ['a wrong key', `Bearer ${KEY}x`],
  ['a prefix of the key', `Bearer ${KEY.slice(0, 5)}`],
  ['another scheme', `Basic ${KEY}`],
])('refuses %s with 401 and WWW-Authenticate, moving nothing', async (_case, header) => {
  const req = request(server.app).post('/admin/models/churn/promote');
  if (header) req.set('Authorization', header);
  const res = await req.send({ version: 2 });
  expect(res.status).toBe(401);
  expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
  expect(res.body.error.code).toBe('unauthorized');
  expect(await server.registry.productionVersion('churn')).toBe(1);
});

test('promote moves production through the registry, audited as the api, and serves it at once', async () => {
  const res = await admin('/admin/models/churn/promote')
    .send({ version: 2, reason: 'retrained' })
    .expect(200);
  expect(res.body).toMatchObject({
    model: 'churn',
    action: 'promote',
    from: 1,
    to: 2,
    forced: false,
    reason: 'retrained',
    actor: 'api',
    serving: { name: 'churn', version: 2 },
  });
  const predicted = await request(server.app).post('/predict').send(server.example).expect(200);
  expect(predicted.body.model_version).toBe(2);
  const audit = await server.registry.readAudit('churn');
  expect(audit.at(-1)).toMatchObject({
    actor: 'api',
    action: 'promote',
    from: 1,
    to: 2,
    reason: 'retrained',
  });
});

test('promote respects the gate evaluated at promote time (409 naming the failed rules) unless forced', async () => {
  const refused = await admin('/admin/models/churn/promote').send({ version: 3 }).expect(409);
  expect(refused.body.error.code).toBe('gate_failed');
  expect(refused.body.error.message).toMatch(
    /version 3 of 'churn' does not pass its gate: roc_auc [\d.]+ >= production v1 [\d.]+: FAILED/,
  );
  expect(refused.body.error.details).toEqual([
    { field: 'roc_auc >= production', message: expect.stringMatching(/^roc_auc [\d.]+ >= production v1/) },
  ]);
  // The fix in the caller's terms: a body field, not the CLI's flag.
  expect(refused.body.error.message).toMatch(/send \{"version": 3, "force": true\} to promote it anyway$/);
  expect(refused.body.error.message).not.toMatch(/--force/);
  expect(await server.registry.productionVersion('churn')).toBe(1);
  expect((await server.registry.readAudit('churn')).at(-1)).toMatchObject({
    action: 'promote-refused',
    actor: 'api',
    gate: { passed: false },
  });
  // A gate set later applies to versions registered before it.
  await server.registry.setGate('churn', 'f1 >= 0.99');
  const strict = await admin('/admin/models/churn/promote').send({ version: 2 }).expect(409);
  expect(strict.body.error.details).toEqual([
    { field: 'f1 >= 0.99', message: expect.stringMatching(/^f1 [\d.]+ >= 0\.99/) },
  ]);
  const forced = await admin('/admin/models/churn/promote').send({ version: 3, force: true }).expect(200);
  expect(forced.body).toMatchObject({ to: 3, forced: true, serving: { version: 3 } });
});

test('promote names a bad body, an unknown version, an unknown model and an archived version', async () => {
  const noVersion = await admin('/admin/models/churn/promote').send({}).expect(422);
  expect(noVersion.body.error.details[0].field).toBe('version');
  const fraction = await admin('/admin/models/churn/promote').send({ version: 1.5 }).expect(422);
  expect(fraction.body.error.details[0]).toEqual({
    field: 'version',
    message: 'version must be a whole number',
  });
  const asString = await admin('/admin/models/churn/promote').send({ version: '2' }).expect(422);
  expect(asString.body.error.details[0].field).toBe('version');
  const unknown = await admin('/admin/models/churn/promote').send({ version: 9 }).expect(404);
  expect(unknown.body.error).toMatchObject({ code: 'unknown_version' });
  expect(unknown.body.error.message).toMatch(/versions: 1, 2, 3/);
  const noModel = await admin('/admin/models/credit/promote').send({ version: 1 }).expect(404);
  expect(noModel.body.error.code).toBe('unknown_model');
  await server.registry.archive('churn', 3);
  const archived = await admin('/admin/models/churn/promote').send({ version: 3, force: true }).expect(409);
  expect(archived.body.error.code).toBe('archived');
});

test('rollback puts the previous version back and 409s when there is none', async () => {
  await admin('/admin/models/churn/promote').send({ version: 2 }).expect(200);
  const back = await admin('/admin/models/churn/rollback').send({ reason: 'latency' }).expect(200);
  expect(back.body).toMatchObject({
    action: 'rollback',
    from: 2,
    to: 1,
    actor: 'api',
    serving: { version: 1 },
  });
  const none = await admin('/admin/models/churn/rollback').expect(409);
  expect(none.body.error.code).toBe('nothing_to_roll_back');
});

test('reload picks up an alias moved outside the server (e.g. by the trainer CLI)', async () => {
  await server.registry.promote('churn', 2);
  expect(server.models.get('churn')?.version).toBe(1);
  const res = await admin('/admin/reload').expect(200);
  expect(res.body.models).toEqual([
    { name: 'churn', status: 'serving', version: 2, loaded_at: expect.any(String) },
  ]);
  expect(res.body).toMatchObject({ reloads: 2, failed_reloads: 0 });
});

test('an admin 500 says where to look (the request id), not what the registry said', async () => {
  // A failure the error table calls the server's own: its message names files on the server.
  jest
    .spyOn(server.registry, 'promote')
    .mockRejectedValue(
      new RegistryError('storage', "cannot write '/srv/secret/registry/churn/aliases.json': EACCES"),
    );
  const res = await admin('/admin/models/churn/promote')
    .set('X-Request-Id', 'admin-500')
    .send({ version: 2 })
    .expect(500);
  expect(res.body.error).toEqual({
    code: 'internal_error',
    message: 'internal error (request id admin-500): see the server log for this request id',
    details: [],
  });
  expect(res.text).not.toMatch(/secret|EACCES|aliases/);
});

test('a model name that climbs out of MLOPS_HOME is a 400, and nothing is written outside', async () => {
  // A folder beside the test's home that looks like a model: `<models>/../../../<it>` from the registry.
  const outside = join(dirname(server.home), `${basename(server.home)}-outside`);
  cpSync(join(storeLayout(server.home).models, 'churn', 'versions', '1'), join(outside, 'versions', '1'), {
    recursive: true,
  });
  try {
    for (const path of [
      `/admin/models/..%2f..%2f..%2f${basename(outside)}/promote`,
      `/admin/models/..%2f..%2f..%2f${basename(outside)}/rollback`,
    ]) {
      const res = await admin(path).send({ version: 1, force: true }).expect(400);
      expect(res.body.error).toEqual({
        code: 'invalid_model_name',
        message: expect.stringMatching(
          /^the model name "\.\.\/\.\.\/\.\.\/.*" is not valid: use 1-64 lowercase/,
        ),
        details: [
          {
            field: 'name',
            message: "must be 1-64 lowercase letters, digits, '-' or '_', starting with a letter or digit",
          },
        ],
      });
    }
    expect(readdirSync(outside)).toEqual(['versions']);
    expect(existsSync(join(outside, 'aliases.json'))).toBe(false);
  } finally {
    rmSync(outside, { recursive: true, force: true });
  }
});

test.each([
  ['a CRLF', 'churn%0d%0a', '"churn\\r\\n"'],
  ['a NUL', 'a%00b', '"a\\u0000b"'],
  ['an upper-case letter', 'Churn', '"Churn"'],
  ['300 characters', 'a'.repeat(300), `"${'a'.repeat(64)}"…`],
])(
  'a model name with %s is a 400 naming it escaped, on admin and prediction routes alike',
  async (_case, raw, shown) => {
    const answers = [
      await admin(`/admin/models/${raw}/promote`).send({ version: 1 }),
      await admin(`/admin/models/${raw}/rollback`),
      await request(server.app).post(`/models/${raw}/predict`).send(server.example),
      await request(server.app)
        .post(`/models/${raw}/predict/batch`)
        .send({ instances: [server.example] }),
    ];
    for (const res of answers) {
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_model_name');
      expect(res.body.error.message.startsWith(`the model name ${shown} is not valid`)).toBe(true);
      expect(res.text).not.toMatch(/[\r\n\0]/);
    }
    expect(await server.registry.productionVersion('churn')).toBe(1);
  },
);
