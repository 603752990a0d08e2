import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { storeLayout } from '@mlops/registry';
import request from 'supertest';
import {
  capturedLogger,
  registerChurnVersion,
  startTestServer,
  stopTestServer,
  type TestServer,
} from '../__tests__/testServer';

const KEY = 'isolation-key';
let server: TestServer;
let log: ReturnType<typeof capturedLogger>;
beforeEach(async () => {
  log = capturedLogger();
  server = await startTestServer({ apiKey: KEY, logger: log.logger });
});
afterEach(() => stopTestServer(server));

const admin = (path: string) => request(server.app).post(path).set('Authorization', `Bearer ${KEY}`);
const modelDir = (name: string) => join(storeLayout(server.home).models, name);
const sample = (text: string, series: string) =>
  text
    .split('\n')
    .find((line) => line.startsWith(`${series} `))
    ?.slice(series.length + 1);

test("a corrupt aliases.json of another model is that model's failure: churn keeps serving, reload answers 200", async () => {
  await server.registry.promote('aaa', await registerChurnVersion(server.registry, 1, { name: 'aaa' }));
  writeFileSync(join(modelDir('aaa'), 'aliases.json'), '{oops');
  const reload = await admin('/admin/reload').expect(200);
  expect(reload.body.models).toEqual([
    {
      name: 'aaa',
      status: 'failed',
      version: null,
      loaded_at: null,
      failed_version: null,
      reason: "the aliases of 'aaa' are not valid JSON: restore aliases.json",
      reason_code: 'corrupt-version',
    },
    { name: 'churn', status: 'serving', version: 1, loaded_at: expect.any(String) },
  ]);
  const ready = await request(server.app).get('/ready').expect(200);
  expect(ready.body).toEqual({
    ready: true,
    models: {
      aaa: { status: 'failed', error: "the aliases of 'aaa' are not valid JSON: restore aliases.json" },
      churn: { version: 1, status: 'serving' },
    },
  });
  await request(server.app).post('/predict').send(server.example).expect(200);
  const metrics = (await request(server.app).get('/metrics')).text;
  expect(sample(metrics, 'mlops_model_load_error{model="aaa",version="unknown"}')).toBe('1');
});

test.each([
  [
    'a model file changed after registration',
    () => '{"format": "mlops-model", ',
    false,
    'corrupt-version',
    /^model\.json of 'churn' version 2 does not match its checksum/,
  ],
  [
    'a model file damaged inside (fewer weights than features), registered before checksums',
    (text: string) => {
      const document = JSON.parse(text);
      document.estimator.weights = document.estimator.weights.slice(0, 1);
      return JSON.stringify(document);
    },
    true,
    'bad-model-file',
    /^model file: estimator/,
  ],
])(
  'a version with %s is never served: v1 keeps serving and every channel says v2 failed and why',
  async (_case, damage, legacy, code, reason) => {
    const v2 = await registerChurnVersion(server.registry, 1);
    // Promoted while whole (the registry refuses a damaged version), damaged before the API loads it.
    await server.registry.promote('churn', v2, { force: true });
    const folder = join(modelDir('churn'), 'versions', String(v2));
    if (legacy) {
      const meta = JSON.parse(readFileSync(join(folder, 'version.json'), 'utf8'));
      delete meta.checksums;
      writeFileSync(join(folder, 'version.json'), JSON.stringify(meta));
    }
    writeFileSync(join(folder, 'model.json'), damage(readFileSync(join(folder, 'model.json'), 'utf8')));
    const reload = await admin('/admin/reload').expect(200);
    expect(reload.body.models).toEqual([
      {
        name: 'churn',
        status: 'serving',
        version: 1,
        loaded_at: expect.any(String),
        failed_version: 2,
        reason: expect.stringMatching(reason),
        reason_code: code,
      },
    ]);
    const predicted = await request(server.app).post('/predict').send(server.example).expect(200);
    expect(predicted.body.model_version).toBe(1);
    const ready = await request(server.app).get('/ready').expect(200);
    expect(ready.body.models.churn).toEqual({
      status: 'serving',
      version: 1,
      failed_version: 2,
      error: expect.stringMatching(reason),
    });
    const metrics = (await request(server.app).get('/metrics')).text;
    expect(sample(metrics, 'mlops_model_load_failures_total{model="churn",version="2"}')).toBe('1');
    expect(sample(metrics, 'mlops_model_load_error{model="churn",version="2"}')).toBe('1');
    expect(log.lines().filter((line) => line.level === 'error')).toEqual([
      expect.objectContaining({
        message: 'model failed to load; the previous version keeps serving',
        model: 'churn',
        version: 2,
        serving: 1,
        code,
        error: expect.stringMatching(reason),
      }),
    ]);
    // Production back on v1: the failure is history, its count stays.
    await admin('/admin/models/churn/rollback').expect(200);
    const after = (await request(server.app).get('/metrics')).text;
    expect(sample(after, 'mlops_model_load_error{model="churn",version="2"}')).toBeUndefined();
    expect(sample(after, 'mlops_model_load_failures_total{model="churn",version="2"}')).toBe('1');
  },
);

test('a promote to a damaged version is refused, naming the file; production stays where it was', async () => {
  const v2 = await registerChurnVersion(server.registry, 1);
  writeFileSync(join(modelDir('churn'), 'versions', String(v2), 'model.json'), '[]');
  const res = await admin('/admin/models/churn/promote').send({ version: v2, force: true });
  expect(res.status).toBe(409);
  expect(res.body.error).toMatchObject({ code: 'corrupt_version' });
  expect(res.body.error.message).toMatch(/model\.json of 'churn' version 2 does not match its checksum/);
  expect(await server.registry.resolve('churn', { alias: 'production' })).toBe(1);
});

test('/ready logs a 503 once per change of state, as one line without a stack', async () => {
  const empty = await startTestServer({ promote: false, logger: log.logger });
  try {
    const notReady = () => log.lines().filter((line) => /^not ready/.test(String(line.message)));
    for (let i = 0; i < 5; i += 1) await request(empty.app).get('/ready').expect(503);
    expect(notReady()).toEqual([
      expect.objectContaining({ level: 'warn', model: 'churn', status: 'missing' }),
    ]);
    // Another reason to be unready: production is a version that cannot load.
    const file = join(storeLayout(empty.home).models, 'churn', 'versions', '1', 'model.json');
    const good = readFileSync(file, 'utf8');
    await empty.registry.promote('churn', 1);
    writeFileSync(file, '[]');
    await empty.models.refresh();
    for (let i = 0; i < 3; i += 1) await request(empty.app).get('/ready').expect(503);
    expect(notReady()).toHaveLength(2);
    expect(notReady()[1]).toMatchObject({ level: 'warn', status: 'failed', version: 1 });
    writeFileSync(file, good);
    await empty.models.refresh({ force: true });
    for (let i = 0; i < 3; i += 1) await request(empty.app).get('/ready').expect(200);
    expect(log.lines().filter((line) => /^ready/.test(String(line.message)))).toHaveLength(1);
    for (const line of notReady()) expect(JSON.stringify(line)).not.toMatch(/stack|\n\s+at /);
    expect(log.lines().filter((line) => line.message === 'request failed')).toEqual([]);
  } finally {
    await stopTestServer(empty);
  }
});
