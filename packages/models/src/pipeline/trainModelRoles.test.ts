import {
  aggregateDailySales,
  categoricalColumn,
  DataTable,
  generateChurn,
  generateFraud,
  generateSales,
  numericColumn,
} from '@mlops/features';
import { evaluatePipeline } from './evaluatePipeline';
import { predictionProfile } from './predictionProfile';
import { trainModel } from './trainModel';

test('without a schema, ids and times are never features: the fraud set trains on its real inputs', () => {
  const table = generateFraud(5_000, 4);
  const result = trainModel({ table, target: 'is_fraud', task: 'binary', model: 'logistic', seed: 1 });
  const inputs = result.pipeline.features.map((spec) => spec.name);
  expect(inputs).not.toContain('transaction_id');
  expect(inputs).not.toContain('card_id');
  expect(inputs).not.toContain('timestamp');
  expect(result.pipeline.document.idColumns?.map((spec) => spec.name)).toEqual(
    expect.arrayContaining(['transaction_id', 'card_id']),
  );
  // one-hot width stays the size of the real categorical inputs, not one column per transaction
  expect(result.pipeline.preprocessor.width).toBeLessThan(60);
});

test('a categorical feature with a value per row is refused, naming the column and the fix', () => {
  const churn = generateChurn(600, 2);
  const codes = categoricalColumn(
    'coupon',
    Array.from({ length: 600 }, (_, i) => `k${(i * 7) % 590}`),
  );
  const table = new DataTable([...churn.columns.filter((c) => c.name !== 'customer_id'), codes]);
  const features = [
    { name: 'tenure_months', type: 'numeric' as const, role: 'feature' as const, description: '' },
    { name: 'coupon', type: 'categorical' as const, role: 'feature' as const, description: '' },
  ];
  expect(() => trainModel({ table, target: 'churn', task: 'binary', model: 'logistic', features })).toThrow(
    /column 'coupon' has \d+ distinct values in 480 rows, over the limit of 240 for a categorical feature .*--id-columns coupon/,
  );
});

test('a time column splits by time: the test rows are the latest ones', () => {
  const daily = aggregateDailySales(generateSales(40_000, 3));
  const result = trainModel({
    table: daily,
    target: 'label',
    task: 'regression',
    model: 'linear',
    timeColumn: 'date',
    features: undefined,
  });
  expect(result.split).toBe('temporal');
  const trainLatest = Math.max(...result.trainTable.numeric('date').values);
  const testEarliest = Math.min(...result.testTable.numeric('date').values);
  expect(testEarliest).toBeGreaterThan(trainLatest);
  expect(result.pipeline.features.map((spec) => spec.name)).not.toContain('date');
});

test('evaluating the trained model on its test rows gives the metrics training reported', () => {
  const table = generateChurn(3_000, 8);
  for (const model of ['logistic', 'gradient_boosting']) {
    const result = trainModel({ table, target: 'churn', task: 'binary', model, seed: 2 });
    const again = evaluatePipeline(result.pipeline, result.testTable);
    for (const metric of ['roc_auc', 'f1', 'accuracy', 'log_loss'])
      expect(again[metric]).toBeCloseTo(result.metrics[metric] as number, 12);
  }
  const labels = new DataTable([
    numericColumn('x', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
    categoricalColumn('kind', ['a', 'b', 'c', 'a', 'b', 'c', 'a', 'b', 'c', 'a', 'b', 'c']),
  ]);
  const multi = trainModel({
    table: labels,
    target: 'kind',
    task: 'multiclass',
    model: 'logistic',
    testTable: labels,
  });
  expect(evaluatePipeline(multi.pipeline, labels).f1_macro).toBeCloseTo(multi.metrics.f1_macro as number, 12);
  expect(() => evaluatePipeline(multi.pipeline, labels.drop(['kind']))).toThrow(/no label column 'kind'/);
});

test("the prediction profile is the model's own positive rate, not the label's base rate", () => {
  const table = generateChurn(4_000, 5);
  const result = trainModel({ table, target: 'churn', task: 'binary', model: 'logistic', seed: 1 });
  const profile = predictionProfile(result.pipeline, result.trainTable);
  expect(profile.rows).toBe(result.trainRows);
  expect(profile.prediction.kind).toBe('categorical');
  const frequencies = (profile.prediction as { frequencies: Record<string, number> }).frequencies;
  const predicted = result.pipeline.predictTable(result.trainTable).predictions.filter((p) => p === 1).length;
  expect(frequencies['1']).toBe(predicted);
  expect(profile.probability?.count).toBe(result.trainRows);
});
