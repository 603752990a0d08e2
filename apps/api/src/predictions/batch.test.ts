import { readPredictionLog, storeLayout } from '@mlops/registry';
import request from 'supertest';
import { startTestServer, stopTestServer, type TestServer } from '../__tests__/testServer';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer({ batchLimit: 50 });
});
afterEach(() => stopTestServer(server));

test('POST /predict/batch answers every row, each as /predict would', async () => {
  const other = { ...server.example, num_complaints: 0, contract: 'two-year' };
  const res = await request(server.app)
    .post('/predict/batch')
    .set('X-Request-Id', 'batch-1')
    .send({ instances: [server.example, other, server.example] })
    .expect(200);
  expect(res.body).toMatchObject({ count: 3, model_name: 'churn', model_version: 1, request_id: 'batch-1' });
  const single = await request(server.app).post('/predict').send(other).expect(200);
  // The batch goes through predictTable, the single route through predictRecord: same numbers.
  expect(res.body.predictions[1].prediction).toBe(single.body.prediction);
  expect(res.body.predictions[1].probability).toBeCloseTo(single.body.probability, 12);
  expect(res.body.predictions[0]).toEqual(res.body.predictions[2]);
});

test('POST /models/{name}/predict/batch serves the named model and 404s an unknown one', async () => {
  const res = await request(server.app)
    .post('/models/churn/predict/batch')
    .send({ instances: [server.example] })
    .expect(200);
  expect(res.body.count).toBe(1);
  const missing = await request(server.app)
    .post('/models/credit/predict/batch')
    .send({ instances: [server.example] })
    .expect(404);
  expect(missing.body.error.code).toBe('model_not_found');
});

test('every batch row is in the prediction log as <request id>#<row>', async () => {
  await request(server.app)
    .post('/predict/batch')
    .set('X-Request-Id', 'b')
    .send({ instances: [server.example, server.example] })
    .expect(200);
  await server.predictionLog.flush();
  const log = await readPredictionLog({ dir: storeLayout(server.home).predictions, model: 'churn' });
  expect(log.records.map((r) => r.request_id)).toEqual(['b#0', 'b#1']);
  expect(log.records[1].features).not.toHaveProperty('age');
  expect(log.records[1].features).toHaveProperty('contract', server.example.contract);
});

test('rejects the whole batch naming instances[i].field for every bad row', async () => {
  const res = await request(server.app)
    .post('/predict/batch')
    .send({
      instances: [
        server.example,
        { ...server.example, tenure_months: '12' },
        { ...server.example, colour: 'red' },
        7,
      ],
    })
    .expect(422);
  expect(res.body.error.code).toBe('validation_error');
  expect(res.body.error.details).toEqual([
    { field: 'instances[1].tenure_months', message: 'must be a number, got string' },
    { field: 'instances[2].colour', message: 'is not a feature or an id column of this model' },
    { field: 'instances[3]', message: 'must be a JSON object of feature values' },
  ]);
  await server.predictionLog.flush();
  expect(server.predictionLog.stats.written).toBe(0);
});

test('lists at most 100 problems and stops looking there', async () => {
  const bad = { ...server.example, tenure_months: -1, monthly_charges: -1, age: 'x' };
  const res = await request(server.app)
    .post('/predict/batch')
    .send({ instances: Array.from({ length: 50 }, () => bad) })
    .expect(422);
  expect(res.body.error.details).toHaveLength(100);
  expect(res.body.error.message).toMatch(
    /^more than 100 problem\(s\) in the batch against churn v1 \(validation stopped: the first 100 are listed\)/,
  );
});

test('a batch over the row limit is a 413, an empty one or a missing instances a 422', async () => {
  const big = await request(server.app)
    .post('/predict/batch')
    .send({ instances: Array.from({ length: 51 }, () => server.example) })
    .expect(413);
  expect(big.body.error).toMatchObject({ code: 'batch_too_large' });
  // Refused while the body is read, at row 51: the message cannot know how many more there are.
  expect(big.body.error.message).toBe(
    'the batch has more than 50 rows, the limit (MLOPS_BATCH_LIMIT): split it',
  );
  const empty = await request(server.app).post('/predict/batch').send({ instances: [] }).expect(422);
  expect(empty.body.error.details).toEqual([
    { field: 'instances', message: 'must hold at least one instance' },
  ]);
  const none = await request(server.app).post('/predict/batch').send({ rows: [] }).expect(422);
  expect(none.body.error.details.map((d: { field: string }) => d.field)).toEqual(
    expect.arrayContaining(['instances']),
  );
  const notArray = await request(server.app).post('/predict/batch').send({ instances: 'all' }).expect(422);
  expect(notArray.body.error.details[0].field).toBe('instances');
});

test('batch bodies have their own size limit, larger than single requests', async () => {
  const small = await startTestServer({ bodyLimit: '1kb', batchBodyLimit: '4kb' });
  try {
    const rows = Array.from({ length: 10 }, () => small.example); // about 2.5 kB
    await request(small.app).post('/predict/batch').send({ instances: rows }).expect(200);
    const tooBig = await request(small.app)
      .post('/predict/batch')
      .send({ instances: Array.from({ length: 40 }, () => small.example) })
      .expect(413);
    expect(tooBig.body.error.code).toBe('body_too_large');
  } finally {
    await stopTestServer(small);
  }
});
