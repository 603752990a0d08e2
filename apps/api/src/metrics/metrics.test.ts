import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storeLayout } from '@mlops/registry';
import request from 'supertest';
import {
  registerChurnVersion,
  startTestServer,
  stopTestServer,
  testServerPerTest,
} from '../__tests__/testServer';

const server = testServerPerTest();

/** The value of one sample line of the exposition, e.g. `metric{a="b"} 3`. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  if (!line) throw new Error(`no series ${series} in:\n${text}`);
  return Number(line.slice(series.length + 1));
}

test('GET /metrics counts requests by route template, status and role, and predictions by model version and role', async () => {
  await request(server.app).post('/predict').send(server.example).expect(200);
  await request(server.app).post('/models/churn/predict').send(server.example).expect(200);
  await request(server.app).post('/models/churn/predict').send({}).expect(422);
  await request(server.app)
    .post('/predict/batch')
    .send({ instances: [server.example, server.example, server.example] })
    .expect(200);
  await request(server.app).get('/nowhere/42').expect(404);
  const res = await request(server.app).get('/metrics').expect(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = res.text;
  expect(
    sample(text, 'http_requests_total{method="POST",route="/predict",status="200",role="champion"}'),
  ).toBe(1);
  expect(
    sample(
      text,
      'http_requests_total{method="POST",route="/models/:name/predict",status="200",role="champion"}',
    ),
  ).toBe(1);
  expect(
    sample(
      text,
      'http_requests_total{method="POST",route="/models/:name/predict",status="422",role="champion"}',
    ),
  ).toBe(1);
  expect(sample(text, 'http_requests_total{method="GET",route="unmatched",status="404",role=""}')).toBe(1);
  expect(
    sample(
      text,
      'http_request_duration_seconds_count{method="POST",route="/predict/batch",status="200",role="champion"}',
    ),
  ).toBe(1);
  expect(sample(text, 'mlops_predictions_total{model="churn",version="1",role="champion"}')).toBe(5);
  expect(sample(text, 'mlops_prediction_probability_count{model="churn",version="1",role="champion"}')).toBe(
    5,
  );
  expect(
    sample(text, 'mlops_prediction_probability_bucket{le="1",model="churn",version="1",role="champion"}'),
  ).toBe(5);
  expect(sample(text, 'mlops_model_version{model="churn"}')).toBe(1);
  expect(sample(text, 'mlops_model_reloads_total')).toBe(1);
  expect(sample(text, 'mlops_model_reload_failures_total')).toBe(0);
  const classes = (text.match(/^mlops_predicted_class_total\{[^}]*\} (\d+)$/gm) ?? []).reduce(
    (sum, line) => sum + Number(line.split(' ')[1]),
    0,
  );
  expect(classes).toBe(5);
});

test('/metrics shows the log queue depth, rows written, and lost rows', async () => {
  // No flush timer: the queue holds exactly what was appended until the test flushes it.
  const manual = await startTestServer({ logFlushIntervalMs: 0 });
  try {
    await request(manual.app).post('/predict').send(manual.example).expect(200);
    await request(manual.app).post('/predict').send(manual.example).expect(200);
    const before = (await request(manual.app).get('/metrics')).text;
    expect(sample(before, 'mlops_prediction_log_queue_depth')).toBe(2);
    expect(sample(before, 'mlops_prediction_log_written_total')).toBe(0);
    await manual.predictionLog.flush();
    const after = (await request(manual.app).get('/metrics')).text;
    expect(sample(after, 'mlops_prediction_log_queue_depth')).toBe(0);
    expect(sample(after, 'mlops_prediction_log_written_total')).toBe(2);
    expect(sample(after, 'mlops_prediction_log_lost_total')).toBe(0);
  } finally {
    await stopTestServer(manual);
  }
});

test('predictions still answer when the log cannot be written, and the lost rows are counted', async () => {
  // A regular file where the log folder should be: mkdir fails as on a full or read-only disk.
  const dir = mkdtempSync(join(tmpdir(), 'mlops-blocked-'));
  writeFileSync(join(dir, 'predictions'), 'not a folder');
  const blocked = await startTestServer({ logDir: join(dir, 'predictions') });
  try {
    for (let i = 0; i < 3; i += 1)
      await request(blocked.app).post('/predict').send(blocked.example).expect(200);
    await request(blocked.app)
      .post('/predict/batch')
      .send({ instances: [blocked.example, blocked.example] })
      .expect(200);
    await blocked.predictionLog.flush();
    const text = (await request(blocked.app).get('/metrics')).text;
    expect(sample(text, 'mlops_prediction_log_lost_total')).toBe(5);
    expect(sample(text, 'mlops_prediction_log_written_total')).toBe(0);
  } finally {
    await stopTestServer(blocked);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a version that fails to load leaves the old one serving and counts a failed reload', async () => {
  const v2 = await registerChurnVersion(server.registry, 5);
  await server.registry.promote('churn', v2, { force: true });
  // Damaged on disk after the promotion, before the server loads it.
  const model = join(storeLayout(server.home).models, 'churn', 'versions', String(v2), 'model.json');
  writeFileSync(model, '{"format": "mlops-model"}');
  await server.models.refresh();
  const res = await request(server.app).post('/predict').send(server.example).expect(200);
  expect(res.body.model_version).toBe(1);
  const text = (await request(server.app).get('/metrics')).text;
  expect(sample(text, 'mlops_model_reload_failures_total')).toBe(1);
  expect(sample(text, 'mlops_model_version{model="churn"}')).toBe(1);
});

test('two apps in one process keep separate metrics', async () => {
  const other = await startTestServer();
  try {
    await request(other.app).post('/predict').send(other.example).expect(200);
    const mine = (await request(server.app).get('/metrics')).text;
    expect(mine).not.toMatch(/mlops_predictions_total\{/);
  } finally {
    await stopTestServer(other);
  }
});

test('process metrics (memory, event loop) are exported when enabled', async () => {
  const withProcess = await startTestServer({ processMetrics: true });
  try {
    const text = (await request(withProcess.app).get('/metrics')).text;
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
  } finally {
    await stopTestServer(withProcess);
  }
});
