import { churnSchema } from '@mlops/features';
import { predictionRole, readPredictionLog, storeLayout } from '@mlops/registry';
import { requestExample } from '@mlops/testkit';
import request from 'supertest';
import { registerChurnVersion, testServerPerTest } from '../__tests__/testServer';
import { explanationDto } from '../predictions/explanationDtos';
import { inShare } from './trafficShare';

const server = testServerPerTest({ logFlushIntervalMs: 0 });

/** Request bodies of `count` different generated churn rows (seeded), each with its own customer id. */
const bodies = (count: number, withId = true) =>
  Array.from({ length: count }, (_, i) => ({
    ...(requestExample(churnSchema, undefined, { seed: 100 + i }) as Record<string, number | string>),
    ...(withId ? { customer_id: `C${String(i).padStart(7, '0')}` } : {}),
  }));

/** The version a canary of `weight` routes the key to: the challenger when FNV-1a(key) mod 100 < weight. */
const expectedVersion = (customerId: string, weight: number) =>
  inShare(`customer_id=${customerId}\u0000`, weight) ? 2 : 1;

async function routeTo(mode: 'shadow' | 'canary', weight?: number): Promise<void> {
  // v2: trained on other rows (seed 2): a different model, whose answers differ on some rows.
  await registerChurnVersion(server.registry, 2);
  await server.registry.setRoute('churn', { version: 2, mode, weight });
  await server.models.refresh();
  expect(server.models.challenger('churn')).toMatchObject({ mode, model: { version: 2 } });
}

async function loggedRecords() {
  await server.shadows.idle();
  await server.predictionLog.flush();
  return (await readPredictionLog({ dir: storeLayout(server.home).predictions, model: 'churn' })).records;
}

test('a canary answers a sticky share: the same customer always gets the same version, about weight % of customers the challenger', async () => {
  await routeTo('canary', 30);
  const given = bodies(300);
  const versions = new Map<string, number>();
  for (let round = 0; round < 3; round += 1) {
    for (const [i, body] of given.entries()) {
      // Other feature values each round: only the key decides.
      const features = given[(i + round * 7) % given.length];
      const res = await request(server.app)
        .post('/predict')
        .send({ ...features, customer_id: body.customer_id })
        .expect(200);
      const id = String(body.customer_id);
      if (round === 0) versions.set(id, res.body.model_version);
      else expect([id, res.body.model_version]).toEqual([id, versions.get(id)]);
    }
  }
  for (const [id, version] of versions) expect([id, version]).toEqual([id, expectedVersion(id, 30)]);
  const share = [...versions.values()].filter((version) => version === 2).length / versions.size;
  expect(share).toBeGreaterThan(0.2);
  expect(share).toBeLessThan(0.4);

  // Without an entity key the request id decides, as stickily.
  const noId = bodies(1, false)[0];
  const byId = await Promise.all(
    ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map(async (suffix) => {
      const answers = new Set<number>();
      for (let i = 0; i < 3; i += 1) {
        const res = await request(server.app)
          .post('/predict')
          .set('x-request-id', `req-${suffix}`)
          .send(noId);
        answers.add(res.body.model_version);
      }
      return answers.size;
    }),
  );
  expect(byId).toEqual(new Array(8).fill(1));

  const log = await loggedRecords();
  expect(new Set(log.map((r) => `${r.model_version}:${predictionRole(r)}`))).toEqual(
    new Set(['1:champion', '2:canary']),
  );
  const metrics = (await request(server.app).get('/metrics')).text;
  const canaries = [...versions.values()].filter((version) => version === 2).length * 3;
  expect(metrics).toMatch(
    new RegExp(
      `mlops_predictions_total\\{model="churn",version="2",role="canary"\\} ${canaries + log.filter((r) => r.request_id.startsWith('req-') && r.model_version === 2).length}\\n`,
    ),
  );
  expect(metrics).toMatch(
    /http_requests_total\{method="POST",route="\/predict",status="200",role="canary"\} \d+/,
  );
  expect(metrics).toMatch(
    /http_request_duration_seconds_count\{method="POST",route="\/predict",status="200",role="champion"\} \d+/,
  );
  expect(metrics).toMatch(
    /mlops_prediction_latency_seconds_count\{model="churn",version="2",role="canary"\} \d+/,
  );
});

test('a shadow never changes an answer, and its own is logged with role shadow under the same request id', async () => {
  const given = bodies(60);
  const answer = (body: object) => ({
    prediction: (body as { prediction: unknown }).prediction,
    probability: (body as { probability: unknown }).probability,
    model_version: (body as { model_version: unknown }).model_version,
  });
  const before: object[] = [];
  for (const body of given) before.push(answer((await request(server.app).post('/predict').send(body)).body));
  const batchBefore = (await request(server.app).post('/predict/batch').send({ instances: given })).body;

  await routeTo('shadow');
  const after: object[] = [];
  for (const [i, body] of given.entries())
    after.push(
      answer((await request(server.app).post('/predict').set('x-request-id', `s-${i}`).send(body)).body),
    );
  const batchAfter = (
    await request(server.app).post('/predict/batch').set('x-request-id', 'batch-1').send({ instances: given })
  ).body;
  expect(after).toEqual(before);
  expect(batchAfter.predictions).toEqual(batchBefore.predictions);
  expect(batchAfter.model_version).toBe(1);

  const log = await loggedRecords();
  const challenger = server.models.challenger('churn')!.model;
  const v1 = server.models.get('churn')!;
  let differ = 0;
  for (const [i, body] of given.entries()) {
    const records = log.filter((r) => r.request_id === `s-${i}`);
    expect(records.map((r) => [r.model_version, r.role])).toEqual([
      [1, 'champion'],
      [2, 'shadow'],
    ]);
    const own = challenger.pipeline.predictRecord(body);
    expect([records[1].prediction, records[1].probability]).toEqual([own.prediction, own.probability]);
    if (own.probability !== v1.pipeline.predictRecord(body).probability) differ += 1;
  }
  // The two versions do disagree, so equal answers above are not equal models.
  expect(differ).toBeGreaterThan(0);
  const batchShadow = log.filter((r) => r.request_id.startsWith('batch-1#') && r.role === 'shadow');
  expect(batchShadow.map((r) => r.request_id)).toEqual(given.map((_, i) => `batch-1#${i}`));
  const metrics = (await request(server.app).get('/metrics')).text;
  expect(metrics).toMatch(/mlops_predictions_total\{model="churn",version="2",role="shadow"\} 120\n/);
  expect(metrics).toMatch(
    /mlops_prediction_latency_seconds_count\{model="churn",version="2",role="shadow"\} 61\n/,
  );
  expect(metrics).toMatch(/mlops_shadow_queue_depth 0\n/);
});

test('a full shadow queue drops the scoring and counts it; the answer comes as always', async () => {
  await routeTo('shadow');
  // Keep the queue (of 1000) full: each job puts itself back, so every shadow of a request is dropped.
  let filling = true;
  const refill = () => {
    if (filling) server.shadows.enqueue(refill);
  };
  for (let i = 0; i < 1000; i += 1) server.shadows.enqueue(refill);
  for (let i = 0; i < 5; i += 1) await request(server.app).post('/predict').send(server.example).expect(200);
  filling = false;
  await server.shadows.idle();
  const metrics = (await request(server.app).get('/metrics')).text;
  expect(metrics).toMatch(/mlops_shadow_dropped_total\{model="churn"\} 5\n/);
  expect((await loggedRecords()).filter((r) => r.role === 'shadow')).toEqual([]);
});

test('a batch is split per row key under a canary, each row saying its version; explanations come from the version that answered', async () => {
  await routeTo('canary', 50);
  const given = bodies(80);
  const res = await request(server.app)
    .post('/predict/batch?explain=true')
    .set('x-request-id', 'b')
    .send({ instances: given });
  expect(res.status).toBe(200);
  const expected = given.map((body) => expectedVersion(String(body.customer_id), 50));
  expect(new Set(expected)).toEqual(new Set([1, 2]));
  expect(res.body.predictions.map((row: { model_version: number }) => row.model_version)).toEqual(expected);
  const models = { 1: server.models.get('churn')!, 2: server.models.challenger('churn')!.model };
  for (const [i, row] of res.body.predictions.entries()) {
    const model = models[expected[i] as 1 | 2];
    expect(row.prediction).toBe(model.pipeline.predictRecord(given[i]).prediction);
    const explanation = explanationDto(
      model.pipeline.explainRecord(given[i]),
      0,
      model.pipeline.document.classes,
    );
    expect(row.explanation.expected_value).toBeCloseTo(explanation.expected_value as number, 9);
  }
  // Logged group by group (production's rows, then the canary's): in row order here.
  const row = (id: string) => Number(id.split('#')[1]);
  const log = (await loggedRecords()).sort((a, b) => row(a.request_id) - row(b.request_id));
  expect(log.map((r) => [r.request_id, r.model_version, r.role])).toEqual(
    expected.map((version, i) => [`b#${i}`, version, version === 2 ? 'canary' : 'champion']),
  );
  // One row that the canary answers: its explanation is the challenger's.
  const canaryBody = given[expected.indexOf(2)];
  const single = await request(server.app).post('/predict?explain=true').send(canaryBody).expect(200);
  expect(single.body.model_version).toBe(2);
  const own = explanationDto(
    models[2].pipeline.explainRecord(canaryBody),
    0,
    models[2].pipeline.document.classes,
  );
  expect(single.body.explanation.contributions).toEqual(
    Object.fromEntries(
      Object.entries(own.contributions as Record<string, number>).map(([k, v]) => [k, expect.closeTo(v, 9)]),
    ),
  );
});

test('the route moves without restart: cleared, production answers alone; promoted, the challenger is production', async () => {
  await routeTo('canary', 100);
  expect((await request(server.app).post('/predict').send(server.example)).body.model_version).toBe(2);
  expect((await request(server.app).get('/model-info')).body).toMatchObject({
    version: 1,
    challenger: { version: 2, mode: 'canary', weight: 100, kind: 'logistic' },
  });
  await server.registry.clearRoute('churn');
  await server.models.refresh();
  expect(server.models.challenger('churn')).toBeUndefined();
  expect((await request(server.app).post('/predict').send(server.example)).body.model_version).toBe(1);
  expect((await request(server.app).get('/model-info')).body).not.toHaveProperty('challenger');
  await server.registry.setRoute('churn', { version: 2, mode: 'shadow', weight: 10 });
  await server.models.refresh();
  const challenger = server.models.challenger('churn')!.model;
  await server.registry.promoteChallenger('churn');
  await server.models.refresh();
  // The challenger's loaded model is taken over as production, not loaded again.
  expect(server.models.get('churn')).toBe(challenger);
  expect(server.models.challenger('churn')).toBeUndefined();
});
