import { getDatasetGenerator } from '@mlops/features';
import {
  REFERENCE_PREDICTION_COLUMN,
  REFERENCE_PROBABILITY_COLUMN,
  referenceSample,
} from './referenceSample';
import { trainModel } from './trainModel';

const { schema, generate } = getDatasetGenerator('churn');
const table = generate(600, 3);
const { pipeline } = trainModel({
  table,
  target: schema.target,
  task: schema.task,
  model: 'logistic',
  params: {},
  features: schema.columns.filter((c) => c.role === 'feature'),
  seed: 3,
});

test("keeps at most maxRows rows, the same ones for the same seed, with the model's own predictions", () => {
  const a = referenceSample(pipeline, table, { seed: 7, maxRows: 100 });
  const b = referenceSample(pipeline, table, { seed: 7, maxRows: 100 });
  const c = referenceSample(pipeline, table, { seed: 8, maxRows: 100 });
  expect(a.numRows).toBe(100);
  expect(a.column('tenure_months')).toEqual(b.column('tenure_months'));
  expect(a.column('tenure_months')).not.toEqual(c.column('tenure_months'));
  const own = pipeline.predictTable(a);
  const predictions = a.column(REFERENCE_PREDICTION_COLUMN);
  expect(
    predictions.kind === 'categorical' &&
      Array.from(predictions.codes, (code) => predictions.dictionary[code]),
  ).toEqual(own.predictions.map(String));
  const probabilities = a.column(REFERENCE_PROBABILITY_COLUMN);
  expect(probabilities.kind === 'numeric' && Array.from(probabilities.values)).toEqual(
    Array.from(own.probabilities ?? []),
  );
  expect(a.columnNames).toEqual([
    ...pipeline.features.map((s) => s.name),
    REFERENCE_PREDICTION_COLUMN,
    REFERENCE_PROBABILITY_COLUMN,
  ]);
});

test('keeps every row of a table no larger than maxRows', () => {
  expect(referenceSample(pipeline, table, { seed: 1 }).numRows).toBe(600);
});
