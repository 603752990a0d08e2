import { churnSchema, DataTable, featureColumns, generateChurn, numericColumn } from '@mlops/features';
import { ModelPipeline } from './ModelPipeline';
import { trainModel } from './trainModel';

// 10,000 rows at seed 42 once made an undamped Newton step diverge: kept as a regression case.
const table = generateChurn(10_000, 42);
const features = featureColumns(churnSchema);
/** The churn logistic model several tests look at, trained once. */
const logistic = trainModel({ table, target: 'churn', task: 'binary', model: 'logistic', features, seed: 1 });

test('logistic regression learns churn well above the trivial baseline', () => {
  const result = logistic;
  expect(result.trainRows).toBe(8_000);
  expect(result.testRows).toBe(2_000);
  expect(result.metrics.roc_auc).toBeGreaterThan(0.8);
  expect(result.baselineMetrics.roc_auc).toBe(0.5);
  expect(result.metrics.accuracy).toBeGreaterThan(result.baselineMetrics.accuracy as number);
});

test('the same data, params and seed give the identical model', () => {
  const a = trainModel({ table, target: 'churn', task: 'binary', model: 'logistic', features, seed: 3 });
  const b = trainModel({ table, target: 'churn', task: 'binary', model: 'logistic', features, seed: 3 });
  expect(JSON.stringify(a.pipeline)).toEqual(JSON.stringify(b.pipeline));
});

test('a JSON round trip predicts identically, row by row and in batch', () => {
  const { pipeline } = logistic;
  const loaded = ModelPipeline.fromJSON(JSON.parse(JSON.stringify(pipeline)));
  const batch = loaded.predictTable(table);
  expect(batch.probabilities).toEqual(pipeline.predictTable(table).probabilities);
  for (const row of [0, 1, 2, 99]) {
    const single = loaded.predictRecord(table.row(row));
    expect(single.probability).toBeCloseTo(batch.probabilities![row], 12);
    expect(single.prediction).toBe(batch.predictions[row]);
  }
});

test('ridge regression learns a linear function', () => {
  const x = Array.from({ length: 500 }, (_, i) => (i % 37) / 3);
  const noise = Array.from({ length: 500 }, (_, i) => ((i * 7919) % 13) / 13 - 0.5);
  const data = new DataTable([
    numericColumn('x', x),
    numericColumn(
      'y',
      x.map((v, i) => 3 * v - 2 + noise[i]),
    ),
  ]);
  const result = trainModel({ table: data, target: 'y', task: 'regression', model: 'linear', seed: 1 });
  expect(result.metrics.r2).toBeGreaterThan(0.99);
});

test('loading a file of another format version or a corrupt file fails clearly', () => {
  const { pipeline } = logistic;
  expect(() => ModelPipeline.fromJSON({ ...pipeline.toJSON(), formatVersion: 4 })).toThrow(
    /model format version 4 cannot be read by this version \(it reads 1, 2 and 3\)/,
  );
  expect(() => ModelPipeline.fromJSON({ hello: 1 })).toThrow(/not a model file/);
  expect(() => ModelPipeline.fromJSON({ ...pipeline.toJSON(), formatVersion: 4 })).toThrow(
    expect.objectContaining({ code: 'model-format-version' }),
  );
  expect(() => ModelPipeline.fromJSON({ hello: 1 })).toThrow(
    expect.objectContaining({ code: 'bad-model-file' }),
  );
});

test('a record with a missing or mistyped feature is an error, not a silent prediction', () => {
  const { pipeline } = logistic;
  const record = table.row(0);
  expect(() => pipeline.predictRecord({ ...record, tenure_months: undefined })).toThrow(
    /feature 'tenure_months' must be a finite number, got null/,
  );
  expect(() => pipeline.predictRecord({ ...record, contract: 3 })).toThrow(
    /feature 'contract' must be a string/,
  );
  expect(() => pipeline.predictTable(table.drop(['age']))).toThrow(/input column 'age' is missing/);
});

test('an unknown model kind names the ones that exist', () => {
  expect(() => trainModel({ table, target: 'churn', task: 'binary', model: 'svm', features })).toThrow(
    /unknown model 'svm': choose one of logistic, linear/,
  );
});
