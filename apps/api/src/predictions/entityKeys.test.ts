import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type { ColumnSpec } from '@mlops/features';
import { createLogger } from '@mlops/logger';
import { hashSensitiveValue, type PredictionRecord, readPredictionLog, storeLayout } from '@mlops/registry';
import request from 'supertest';
import {
  registerChurnVersion,
  startTestServer,
  stopTestServer,
  TEST_SALT,
  type TestServer,
} from '../__tests__/testServer';
import { ServingError } from '../models/ServingError';

/** `customer_id` as a plain (not sensitive) id column, built by hand: logged as sent. */
const plainCustomerId: ColumnSpec = {
  name: 'customer_id',
  type: 'categorical',
  role: 'id',
  description: 'Customer identifier',
};
/** A whole-number id column. */
const accountNumber: ColumnSpec = {
  name: 'account_no',
  type: 'numeric',
  role: 'id',
  description: 'Account number',
  integer: true,
};

let server: TestServer;
afterEach(() => stopTestServer(server));

async function logged(): Promise<PredictionRecord[]> {
  await server.predictionLog.flush();
  return (await readPredictionLog({ dir: storeLayout(server.home).predictions, model: 'churn' })).records;
}

test("a request may carry the model's id column: 200, logged as the entity, not among the features", async () => {
  server = await startTestServer({ firstVersion: { idColumns: [plainCustomerId, accountNumber] } });
  await request(server.app)
    .post('/predict')
    .set('X-Request-Id', 'with-id')
    .send({ ...server.example, customer_id: 'C0000042', account_no: 17 })
    .expect(200);
  await request(server.app).post('/predict').set('X-Request-Id', 'without').send(server.example).expect(200);
  const [withId, without] = await logged();
  expect(withId.entity).toEqual({ customer_id: 'C0000042', account_no: 17 });
  expect(withId.features).not.toHaveProperty('customer_id');
  expect(withId.features).not.toHaveProperty('account_no');
  expect(withId.features).toHaveProperty('tenure_months', server.example.tenure_months);
  // Only the ids sent are logged: none, no entity.
  expect(without).not.toHaveProperty('entity');
});

test('a sensitive id column is hashed in the log even with MLOPS_SENSITIVE_FIELDS=drop', async () => {
  // The churn schema marks customer_id sensitive; the test server's store has TEST_SALT.
  server = await startTestServer({ sensitiveFields: 'drop' });
  await request(server.app)
    .post('/predict')
    .send({ ...server.example, customer_id: 'C0000042' })
    .expect(200);
  const [record] = await logged();
  // The featureRedactor scheme: sha256 of salt + NUL + value.
  const digest = createHash('sha256').update(TEST_SALT).update('\0').update('C0000042').digest('hex');
  expect(record.entity).toEqual({ customer_id: `sha256:${digest}` });
  expect(JSON.stringify(record)).not.toMatch(/C0000042/);
  expect(record.features).not.toHaveProperty('age'); // a sensitive feature, dropped
});

test('an unknown field is still a 422, next to a valid id', async () => {
  server = await startTestServer();
  const res = await request(server.app)
    .post('/predict')
    .send({ ...server.example, customer_id: 'C1', colour: 'red' })
    .expect(422);
  expect(res.body.error.details).toEqual([
    { field: 'colour', message: 'is not a feature or an id column of this model' },
  ]);
});

test.each([
  [
    'a number for a string id',
    { customer_id: 42 },
    'customer_id',
    'must be a string (an id column), got number',
  ],
  ['null for an id', { customer_id: null }, 'customer_id', 'must be a string (an id column), got null'],
  [
    'a string for a numeric id',
    { account_no: '17' },
    'account_no',
    'must be a number (an id column), got string',
  ],
  ['a fraction for a whole-number id', { account_no: 1.5 }, 'account_no', 'must be a whole number, got 1.5'],
])('a wrongly typed id (%s) is a 422 naming it', async (_case, change, field, message) => {
  server = await startTestServer({ firstVersion: { idColumns: [plainCustomerId, accountNumber] } });
  const res = await request(server.app)
    .post('/predict')
    .send({ ...server.example, ...change })
    .expect(422);
  expect(res.body.error.code).toBe('validation_error');
  expect(res.body.error.details).toEqual([{ field, message }]);
});

test("batch rows with ids log each row's entity; a mistyped id names its row", async () => {
  server = await startTestServer();
  const rows = [
    { ...server.example, customer_id: 'C0000001' },
    server.example,
    { ...server.example, customer_id: 'C0000003' },
  ];
  await request(server.app)
    .post('/predict/batch')
    .set('X-Request-Id', 'b')
    .send({ instances: rows })
    .expect(200);
  const records = await logged();
  expect(records.map((r) => [r.request_id, r.entity])).toEqual([
    ['b#0', { customer_id: hashSensitiveValue(TEST_SALT, 'C0000001') }],
    ['b#1', undefined],
    ['b#2', { customer_id: hashSensitiveValue(TEST_SALT, 'C0000003') }],
  ]);
  for (const record of records) expect(record.features).not.toHaveProperty('customer_id');
  const bad = await request(server.app)
    .post('/predict/batch')
    .send({ instances: [rows[0], { ...server.example, customer_id: 7 }] })
    .expect(422);
  expect(bad.body.error.details).toEqual([
    { field: 'instances[1].customer_id', message: 'must be a string (an id column), got number' },
  ]);
});

test('a hot swap to a version with a sensitive id and no MLOPS_HASH_SALT keeps the old version serving', async () => {
  const lines: string[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
  // v1 has no id column, so it serves without a salt ('' is none).
  server = await startTestServer({
    hashSalt: '',
    firstVersion: { idColumns: [] },
    logger: createLogger({ service: 'api-test', stream, pretty: false }),
  });
  // v2: v1's rows again (passes the default gate), with the churn schema's sensitive customer_id.
  const v2 = await registerChurnVersion(server.registry, 1);
  await server.registry.promote('churn', v2);
  await server.models.refresh();
  const res = await request(server.app).post('/predict').send(server.example).expect(200);
  expect(res.body.model_version).toBe(1);
  expect(server.models.counters).toEqual({ reloads: 1, failedReloads: 1 });
  const [failure] = server.models.loadFailures();
  expect(failure).toMatchObject({ name: 'churn', version: 2, error: expect.any(ServingError) });
  const refusal = lines.map((line) => JSON.parse(line)).find((line) => line.level === 'error');
  expect(refusal).toMatchObject({
    message: 'model refused; the previous version keeps serving',
    model: 'churn',
    version: 2,
    serving: 1,
    error:
      "model 'churn' v2 has the sensitive id column 'customer_id', which the prediction log always hashes, " +
      'but MLOPS_HASH_SALT is not set: set MLOPS_HASH_SALT (a secret string) to serve it',
  });
  const metrics = (await request(server.app).get('/metrics')).text;
  expect(metrics).toMatch(/^mlops_model_reload_failures_total 1$/m);
  // v1 has no id column: customer_id is still an unknown field while v1 serves.
  await request(server.app)
    .post('/predict')
    .send({ ...server.example, customer_id: 'C1' })
    .expect(422);
});
