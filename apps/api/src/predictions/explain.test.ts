import {
  GradientBoosting,
  LogisticRegression,
  type ModelPipeline,
  RandomForest,
  SoftmaxRegression,
} from '@mlops/models';
import { readPredictionLog, storeLayout } from '@mlops/registry';
import { registerTrained, trainedVersion } from '@mlops/testkit';
import request from 'supertest';
import { startTestServer, stopTestServer, type TestServer } from '../__tests__/testServer';

/**
 * The model's raw outputs for one record, summed from its own parameters (trees' leaves
 * or weights), independently of the explainer: log-odds, averaged probabilities, values.
 */
function rawOutputs(pipeline: ModelPipeline, record: Record<string, number | string>): number[] {
  const x = pipeline.preprocessor.transformRecord(record, new Float64Array(pipeline.preprocessor.width));
  const model = pipeline.estimator;
  const out = new Float64Array(model.outputs);
  if (model instanceof GradientBoosting) {
    out.set(model.baseline);
    model.trees.forEach((tree, t) => {
      tree.addTo(x, 1, model.width, out, model.outputs, t % model.outputs);
    });
  } else if (model instanceof RandomForest) {
    out.set(model.offset);
    for (const tree of model.trees)
      tree.addTo(x, 1, model.width, out, model.outputs, 0, 1 / model.trees.length);
  } else if (model instanceof LogisticRegression) {
    out[0] = model.intercept + model.weights.reduce((s, w, j) => s + w * x[j], 0);
  } else if (model instanceof SoftmaxRegression) {
    for (let c = 0; c < model.outputs; c += 1) {
      out[c] = model.intercepts[c];
      for (let j = 0; j < model.width; j += 1) out[c] += model.weights[c * model.width + j] * x[j];
    }
  } else model.predict(x, 1, out);
  return Array.from(out);
}

const sum = (values: Record<string, number>): number => Object.values(values).reduce((s, v) => s + v, 0);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  const { registry } = server;
  const add = async (name: string, options: Parameters<typeof registerTrained>[2]) => {
    const version = await registerTrained(registry, name, { rows: 1_500, seed: 2, ...options });
    await registry.promote(name, version);
  };
  await add('churn_boosted', { model: 'gradient_boosting', params: { max_iter: 20 } });
  await add('churn_forest', { model: 'random_forest', params: { n_estimators: 10 } });
  await add('contract', {
    model: 'gradient_boosting',
    params: { max_iter: 10 },
    target: { column: 'contract', task: 'multiclass' },
  });
  await add('churn_tree', { model: 'decision_tree', params: { max_depth: 5 } });
  // A decision tree as stored before per-node row counts were kept.
  const old = trainedVersion({ rows: 1_500, seed: 2, model: 'decision_tree', params: { max_depth: 5 } });
  delete (old.model.estimator as { covers?: unknown }).covers;
  await registry.promote('churn_old_tree', (await registry.registerVersion('churn_old_tree', old)).version);
  await server.models.refresh();
}, 120_000);
afterAll(() => stopTestServer(server));

const fields = () => server.models.get('churn')!.pipeline.features.map((spec) => spec.name);

describe.each([
  ['churn', 'log_odds'],
  ['churn_boosted', 'log_odds'],
  ['churn_forest', 'probability'],
  ['churn_tree', 'probability'],
])('POST /models/%s/predict?explain=true', (name, output) => {
  test(`contributions per field sum to the raw ${output} minus the expected value`, async () => {
    const res = await request(server.app)
      .post(`/models/${name}/predict?explain=true`)
      .send(server.example)
      .expect(200);
    const { explanation } = res.body;
    expect(explanation.output).toBe(output);
    expect(explanation.positive_class).toBe(server.models.get(name)!.pipeline.document.classes![1]);
    // Each input field once: the categorical `contract` is one number, not one per category.
    expect(Object.keys(explanation.contributions)).toEqual(fields());
    expect(Object.keys(explanation.contributions).some((key) => key.includes('='))).toBe(false);
    const [raw] = rawOutputs(server.models.get(name)!.pipeline, server.example);
    expect(Math.abs(explanation.expected_value + sum(explanation.contributions) - raw)).toBeLessThan(1e-9);
  });
});

test('a multiclass model explains each class: expected_value and contributions keyed by class label', async () => {
  const body = { ...server.example };
  delete body.contract;
  const res = await request(server.app).post('/models/contract/predict?explain=true').send(body).expect(200);
  const { explanation } = res.body;
  const pipeline = server.models.get('contract')!.pipeline;
  const classes = pipeline.document.classes!;
  expect(classes).toHaveLength(3);
  expect(explanation.output).toBe('log_odds');
  expect(explanation.classes).toEqual(classes);
  expect(Object.keys(explanation.expected_value)).toEqual(classes.map(String));
  expect(Object.keys(explanation.contributions)).toEqual(classes.map(String));
  const raw = rawOutputs(pipeline, body);
  classes.forEach((label, k) => {
    const perClass = explanation.contributions[String(label)];
    expect(Object.keys(perClass)).toEqual(pipeline.features.map((spec) => spec.name));
    expect(Math.abs(explanation.expected_value[String(label)] + sum(perClass) - raw[k])).toBeLessThan(1e-9);
  });
});

test('POST /predict/batch?explain=true explains every row, each as /predict?explain=true does', async () => {
  const other = { ...server.example, num_complaints: 4, contract: 'two-year' };
  const batch = await request(server.app)
    .post('/models/churn_boosted/predict/batch?explain=true')
    .send({ instances: [server.example, other] })
    .expect(200);
  const single = await request(server.app)
    .post('/models/churn_boosted/predict?explain=true')
    .send(other)
    .expect(200);
  expect(batch.body.predictions).toHaveLength(2);
  const row = batch.body.predictions[1];
  expect(row.prediction).toBe(single.body.prediction);
  expect(row.explanation.expected_value).toBe(single.body.explanation.expected_value);
  for (const [field, value] of Object.entries(single.body.explanation.contributions))
    expect(row.explanation.contributions[field]).toBeCloseTo(value as number, 12);
  const defaultRoute = await request(server.app)
    .post('/predict/batch?explain=true')
    .send({ instances: [other] })
    .expect(200);
  expect(Object.keys(defaultRoute.body.predictions[0].explanation.contributions)).toEqual(fields());
});

test('explain=false or no explain answers exactly as before: no explanation field', async () => {
  const keys = [
    'prediction',
    'probability',
    'model_name',
    'model_version',
    'request_id',
    'timestamp',
    'latency_ms',
  ];
  for (const path of ['/predict', '/predict?explain=false', '/models/churn_forest/predict?explain=0']) {
    const res = await request(server.app).post(path).send(server.example).expect(200);
    expect(Object.keys(res.body)).toEqual(keys);
  }
  for (const path of ['/predict/batch', '/predict/batch?explain=false']) {
    const res = await request(server.app)
      .post(path)
      .send({ instances: [server.example] })
      .expect(200);
    expect(Object.keys(res.body.predictions[0])).toEqual(['prediction', 'probability']);
  }
});

test('a bad explain value is a 400 naming the parameter', async () => {
  for (const path of [
    '/predict?explain=yes',
    '/predict/batch?explain=TRUE',
    '/models/churn/predict?explain=',
  ]) {
    const res = await request(server.app)
      .post(path)
      .send(path.includes('batch') ? { instances: [server.example] } : server.example)
      .expect(400);
    expect(res.body.error.code).toBe('bad_request');
    expect(res.body.error.message).toMatch(/query parameter explain is .*: it must be true or false/);
    expect(res.body.error.details).toEqual([{ field: 'explain', message: 'must be true or false' }]);
  }
});

test('a decision tree stored without row counts answers explain=true with a 409 saying to retrain, and predicts without', async () => {
  const res = await request(server.app)
    .post('/models/churn_old_tree/predict?explain=true')
    .send(server.example)
    .expect(409);
  expect(res.body.error.code).toBe('not_explainable');
  expect(res.body.error.message).toMatch(/retrain it/);
  await request(server.app).post('/models/churn_old_tree/predict').send(server.example).expect(200);
});

test('the prediction log holds the same fields with explain=true as without (no explanation)', async () => {
  await request(server.app)
    .post('/models/churn_boosted/predict?explain=true')
    .set('X-Request-Id', 'with')
    .send(server.example)
    .expect(200);
  await request(server.app)
    .post('/models/churn_boosted/predict')
    .set('X-Request-Id', 'without')
    .send(server.example)
    .expect(200);
  await server.predictionLog.flush();
  const log = await readPredictionLog({ dir: storeLayout(server.home).predictions, model: 'churn_boosted' });
  const byId = new Map(log.records.map((r) => [r.request_id, r]));
  const withExplain = byId.get('with')!;
  const without = byId.get('without')!;
  expect(Object.keys(withExplain).sort()).toEqual(Object.keys(without).sort());
  expect(withExplain.features).toEqual(without.features);
  expect(withExplain.prediction).toEqual(without.prediction);
  expect(JSON.stringify(withExplain)).not.toMatch(/contribution|expected_value/);
});
