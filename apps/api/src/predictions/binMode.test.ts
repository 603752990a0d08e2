import type { NumericProfile } from '@mlops/features';
import { hashSensitiveValue, readPredictionLog, storeLayout } from '@mlops/registry';
import request from 'supertest';
import { startTestServer, stopTestServer, TEST_SALT, type TestServer } from '../__tests__/testServer';

let server: TestServer;
afterEach(() => stopTestServer(server));

test('MLOPS_SENSITIVE_FIELDS=bin logs a sensitive numeric feature as its reference bin and lists it in binned', async () => {
  server = await startTestServer({
    sensitiveFields: 'bin',
    firstVersion: {
      // Known edges, narrower than age's valid range (18-95), so values fall below and above them.
      editProfile: (profile) => {
        (profile.columns.age as NumericProfile).histogram = {
          edges: [20, 30, 40, 50, 60, 70],
          counts: [1, 1, 1, 1, 1],
        };
      },
    },
  });
  const ages = [18, 20, 29, 30, 45, 70, 95];
  await request(server.app)
    .post('/predict/batch')
    .set('X-Request-Id', 'ages')
    .send({ instances: ages.map((age) => ({ ...server.example, age, customer_id: `C${age}` })) })
    .expect(200);
  await request(server.app)
    .post('/predict')
    .set('X-Request-Id', 'one')
    .send({ ...server.example, age: 55 })
    .expect(200);
  await server.predictionLog.flush();
  const { records } = await readPredictionLog({ dir: storeLayout(server.home).predictions, model: 'churn' });
  expect(records.map((r) => [r.request_id, r.features.age])).toEqual([
    ['ages#0', 0], // 18: below the first edge
    ['ages#1', 0], // 20: on the first edge
    ['ages#2', 0], // 29: inside [20, 30)
    ['ages#3', 1], // 30: the bin the edge opens
    ['ages#4', 2], // 45: inside [40, 50)
    ['ages#5', 4], // 70: the last edge, the last bin is closed
    ['ages#6', 4], // 95: above the last edge
    ['one', 3], // 55: inside [50, 60)
  ]);
  for (const record of records) {
    expect(record.binned).toEqual(['age']);
    // Other features as sent; the sensitive id still hashed.
    expect(record.features.tenure_months).toBe(server.example.tenure_months);
  }
  expect(records[0].entity).toEqual({ customer_id: hashSensitiveValue(TEST_SALT, 'C18') });
});

test("bin mode uses the served version's own profile histogram", async () => {
  server = await startTestServer({ sensitiveFields: 'bin' });
  const age = (await server.registry.readProfile('churn', 1)).columns.age as NumericProfile;
  const last = age.histogram.counts.length - 1;
  await request(server.app)
    .post('/predict/batch')
    .send({
      // age is a whole number: the first whole ages at or past the edges.
      instances: [
        { ...server.example, age: Math.ceil(age.histogram.edges[0]) },
        { ...server.example, age: Math.ceil(age.histogram.edges[1]) },
        { ...server.example, age: Math.ceil(age.histogram.edges[last + 1]) },
      ],
    })
    .expect(200);
  await server.predictionLog.flush();
  const { records } = await readPredictionLog({ dir: storeLayout(server.home).predictions, model: 'churn' });
  expect(records.map((r) => r.features.age)).toEqual([0, 1, last]);
});

test('drop and hash modes list nothing in binned', async () => {
  server = await startTestServer({ sensitiveFields: 'hash', hashSalt: 'pepper' });
  await request(server.app).post('/predict').send(server.example).expect(200);
  await server.predictionLog.flush();
  const { records } = await readPredictionLog({ dir: storeLayout(server.home).predictions, model: 'churn' });
  expect(records[0]).not.toHaveProperty('binned');
  expect(records[0].features.age).toBe(hashSensitiveValue('pepper', server.example.age));
});
