import { readPredictionLog, storeLayout } from '@mlops/registry';
import request from 'supertest';
import {
  predictExample,
  registerChurnVersion,
  startTestServer,
  stopTestServer,
  testServerPerTest,
} from './__tests__/testServer';

const server = testServerPerTest();

/** POSTs `text` to /predict declared as `type` and expects `status`. */
const sendAs = (type: string, text: string, status: number) =>
  request(server.app).post('/predict').set('Content-Type', type).send(text).expect(status);

test('GET /health is up and GET /ready reports each model', async () => {
  await request(server.app).get('/health').expect(200, { status: 'ok' });
  const ready = await request(server.app).get('/ready').expect(200);
  expect(ready.body).toEqual({ ready: true, models: { churn: { version: 1, status: 'serving' } } });
});

test('GET /ready is 503 while no production model is loaded', async () => {
  const empty = await startTestServer({ promote: false });
  try {
    const res = await request(empty.app).get('/ready').expect(503);
    expect(res.body).toEqual({
      ready: false,
      models: {
        churn: { status: 'missing', error: "no production version of 'churn' is loaded: promote one" },
      },
    });
  } finally {
    await stopTestServer(empty);
  }
});

test('POST /predict answers with the class, probability, model version and request id', async () => {
  const res = await predictExample(server, { 'X-Request-Id': 'req-42' });
  expect(res.headers['x-request-id']).toBe('req-42');
  expect(res.body).toMatchObject({ model_name: 'churn', model_version: 1, request_id: 'req-42' });
  expect([0, 1]).toContain(res.body.prediction);
  expect(res.body.probability).toBeGreaterThan(0);
  expect(res.body.probability).toBeLessThan(1);
  expect(Date.parse(res.body.timestamp)).not.toBeNaN();
});

test('every answered prediction is in the prediction log, without sensitive fields', async () => {
  for (let i = 0; i < 5; i += 1) {
    await predictExample(server, { 'X-Request-Id': `r${i}` });
  }
  await server.predictionLog.flush();
  const log = await readPredictionLog({ dir: storeLayout(server.home).predictions, model: 'churn' });
  expect(log.records.map((r) => r.request_id)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
  expect(log.records[0].features).toHaveProperty('tenure_months', server.example.tenure_months);
  expect(log.records[0].features).not.toHaveProperty('age'); // marked sensitive in the churn schema
});

test.each([
  ['a number sent as a string', { tenure_months: '12' }, 'tenure_months', /must be a number, got string/],
  ['a missing field', { tenure_months: undefined }, 'tenure_months', /is required/],
  ['an unknown field', { colour: 'red' }, 'colour', /is not a feature or an id column of this model/],
  ['an out-of-range value', { monthly_charges: 1e9 }, 'monthly_charges', /must be between 15 and 150/],
  ['a fraction for a whole-number field', { num_complaints: 1.5 }, 'num_complaints', /whole number/],
  ['a nested object', { contract: { a: 1 } }, 'contract', /must be a string, got object/],
])('rejects %s with 422 naming the field', async (_case, change, field, message) => {
  const res = await request(server.app)
    .post('/predict')
    .send({ ...server.example, ...change })
    .expect(422);
  expect(res.body.error.code).toBe('validation_error');
  expect(res.body.error.details).toEqual([{ field, message: expect.stringMatching(message) }]);
});

test('rejects a non-JSON body, a wrong content type and a body over the limit', async () => {
  const bad = await sendAs('application/json', '{bad', 400);
  expect(bad.body.error.code).toBe('invalid_json');
  const text = await sendAs('text/plain', 'x', 415);
  expect(text.body.error.code).toBe('unsupported_media_type');
  const small = await startTestServer({ bodyLimit: '100b' });
  try {
    const big = await request(small.app).post('/predict').send(small.example).expect(413);
    expect(big.body.error.code).toBe('body_too_large');
  } finally {
    await stopTestServer(small);
  }
});

test('a body that is not an object is a 422', async () => {
  const res = await request(server.app).post('/predict').send([1, 2]).expect(422);
  expect(res.body.error.code).toBe('validation_error');
});

test('POST /models/{name}/predict serves a named model and 404s an unknown one', async () => {
  await request(server.app).post('/models/churn/predict').send(server.example).expect(200);
  const res = await request(server.app).post('/models/credit/predict').send(server.example).expect(404);
  expect(res.body.error.message).toMatch(/no production model named 'credit' \(served: churn\)/);
});

test('GET /model-info describes the served model and its features', async () => {
  const res = await request(server.app).get('/model-info').expect(200);
  expect(res.body).toMatchObject({
    name: 'churn',
    version: 1,
    alias: 'production',
    kind: 'logistic',
    task: 'binary',
  });
  expect(res.body.features.map((f: { name: string }) => f.name)).toContain('contract');
  expect(res.body.features.map((f: { name: string }) => f.name)).not.toContain('customer_id');
  expect(res.body.id_columns).toEqual([{ name: 'customer_id', type: 'categorical', sensitive: true }]);
  await request(server.app).get('/models').expect(200);
});

test('switches to a newly promoted version on refresh', async () => {
  // v1's rows again: an equal model, which the default gate ("no worse than production") lets through.
  const v2 = await registerChurnVersion(server.registry, 1);
  await server.registry.promote('churn', v2);
  await server.models.refresh();
  const res = await request(server.app).post('/predict').send(server.example).expect(200);
  expect(res.body.model_version).toBe(2);
});

test('unknown paths get a JSON 404 and the OpenAPI document lists /predict', async () => {
  const res = await request(server.app).get('/nowhere').expect(404);
  expect(res.body.error.code).toBe('not_found');
  const spec = await request(server.app).get('/openapi.json').expect(200);
  expect(Object.keys(spec.body.paths)).toEqual(
    expect.arrayContaining(['/predict', '/models/{name}/predict']),
  );
});

test('GET / describes the server with links to every route', async () => {
  const res = await request(server.app).get('/').expect(200);
  expect(res.body).toMatchObject({ name: 'mlops model server', default_model: 'churn' });
  expect(Object.keys(res.body.links)).toEqual(
    expect.arrayContaining(['predict', 'predict_batch', 'metrics', 'docs', 'admin']),
  );
});

test('NaN is not JSON (400) and a number too large for a double is not finite (422)', async () => {
  const json = JSON.stringify(server.example);
  const nan = await sendAs(
    'application/json',
    json.replace(/"monthly_charges":[^,}]+/, '"monthly_charges":NaN'),
    400,
  );
  expect(nan.body.error.code).toBe('invalid_json');
  const huge = await sendAs(
    'application/json',
    json.replace(/"monthly_charges":[^,}]+/, '"monthly_charges":1e400'),
    422,
  );
  expect(huge.body.error.details).toEqual([{ field: 'monthly_charges', message: 'must be a finite number' }]);
});
