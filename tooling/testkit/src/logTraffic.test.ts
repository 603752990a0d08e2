import { createHash } from 'node:crypto';
import { getDatasetGenerator, type NumericProfile } from '@mlops/features';
import { ModelPipeline } from '@mlops/models';
import type { LoggedPrediction } from './LoggedPrediction';
import { logTraffic } from './logTraffic';
import { trainedVersion } from './trainedVersion';

const version = trainedVersion({ rows: 600 });
const hash = (value: number | string) => `sha256:${createHash('sha256').update(`s\0${value}`).digest('hex')}`;

function memorySink() {
  const records: LoggedPrediction[] = [];
  let flushes = 0;
  return {
    records,
    flushes: () => flushes,
    append: (record: LoggedPrediction) => records.push(record),
    flush: async () => {
      flushes += 1;
    },
  };
}

test("logs the model's own predictions, a request every stepMs, the sensitive id hashed, sensitive features dropped", async () => {
  const sink = memorySink();
  const from = new Date('2026-01-01T00:00:00Z');
  await logTraffic(sink, { model: version.model, name: 'churn', from, rows: 20, stepMs: 60_000, hash });
  expect(sink.records).toHaveLength(20);
  const pipeline = ModelPipeline.fromJSON(version.model);
  const [first, second] = sink.records;
  expect(first).toMatchObject({ request_id: `r-${from.getTime()}-0`, model_name: 'churn', model_version: 1 });
  expect(second.timestamp).toBe('2026-01-01T00:01:00.000Z');
  expect(first.entity?.customer_id).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect(first.features).not.toHaveProperty('age');
  expect(first.features).not.toHaveProperty('customer_id');
  expect(pipeline.predictRecord(getDatasetGenerator('churn').generate(20, 7).row(0))).toEqual({
    prediction: first.prediction,
    probability: first.probability,
  });
  expect(sink.flushes()).toBe(1);
});

test('refuses to log a sensitive value without a hasher', async () => {
  await expect(
    logTraffic(memorySink(), { model: version.model, name: 'churn', from: new Date(0), rows: 1 }),
  ).rejects.toThrow(TypeError);
});

test('hashes or bins sensitive features, shifts and sets features, cycles distinct rows, flushes as asked', async () => {
  const sink = memorySink();
  const profile = structuredClone(version.profile);
  (profile.columns.age as NumericProfile).histogram = { edges: [20, 40, 60], counts: [1, 1] };
  await logTraffic(sink, {
    model: ModelPipeline.fromJSON(version.model),
    name: 'churn',
    from: new Date(0),
    rows: 10,
    distinctRows: 5,
    sensitive: 'bin',
    profile,
    entity: false,
    shift: { tenure_months: 1_000 },
    set: (i): Record<string, string> => (i === 0 ? { contract: 'lifetime' } : {}),
    prediction: (i) => i % 2,
    flushEvery: 4,
  });
  expect(sink.records[0].features.contract).toBe('lifetime');
  expect(sink.records[0]).not.toHaveProperty('entity');
  expect(
    sink.records.every((r) => r.binned?.[0] === 'age' && [0, 1].includes(r.features.age as number)),
  ).toBe(true);
  expect(sink.records[1].features.tenure_months).toBe(sink.records[6].features.tenure_months);
  expect((sink.records[1].features.tenure_months as number) >= 1_000).toBe(true);
  expect(sink.records.map((r) => [r.prediction, r.probability]).slice(0, 2)).toEqual([
    [0, 0.2],
    [1, 0.8],
  ]);
  expect(sink.flushes()).toBe(3);

  const hashed = memorySink();
  await logTraffic(hashed, {
    model: version.model,
    name: 'churn',
    from: new Date(0),
    rows: 2,
    sensitive: 'hash',
    hash,
  });
  expect(hashed.records[0].features.age).toMatch(/^sha256:/);
});
