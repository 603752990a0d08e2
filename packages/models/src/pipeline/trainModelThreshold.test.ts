import { churnSchema, featureColumns, generateChurn } from '@mlops/features';
import { getEstimatorEntry } from '../estimators/estimatorCatalog';
import { subsetRows } from '../estimators/heldOut';
import { validationSplit } from '../estimators/validationSplit';
import { tuneThreshold } from '../metrics/tuneThreshold';
import { encodeTarget } from './encodeTarget';
import { type TrainModelResult, trainModel } from './trainModel';

const table = generateChurn(3_000, 11);
const features = featureColumns(churnSchema);

/** The training rows as the estimator saw them. */
function trainingData(result: TrainModelResult) {
  const matrix = result.pipeline.preprocessor.transform(result.trainTable);
  const { y } = encodeTarget(result.trainTable, 'churn', 'binary');
  return { x: matrix.values, rows: matrix.rows, width: matrix.width, y, classes: 2 };
}

test('a boosted train fits once: the rounds run once and the threshold is tuned on that model’s own validation rows', () => {
  const rounds: number[] = [];
  const result = trainModel({
    table,
    target: 'churn',
    task: 'binary',
    model: 'gradient_boosting',
    features,
    seed: 4,
    params: { early_stopping: 1, max_iter: 40 },
    hooks: { onRound: (round) => rounds.push(round) },
  });
  const model = result.pipeline.estimator as unknown as { rounds: number };
  expect(rounds).toEqual(Array.from({ length: model.rounds }, (_, i) => i));
  expect(result.heldOut).toEqual({ source: 'early-stopping', rows: 240 });
  const data = trainingData(result);
  const held = subsetRows(data, validationSplit(data.y, 2, 0.1, 4).validation);
  const scores = new Float64Array(held.rows);
  result.pipeline.estimator.predict(held.x, held.rows, scores);
  expect(result.threshold).toBe(tuneThreshold(held.y, scores).threshold);
  expect(result.pipeline.document.threshold).toBe(result.threshold);
});

test('a forest’s threshold comes from its out-of-bag predictions, a logistic model’s from cross-fitted ones', () => {
  for (const [model, source, params] of [
    ['random_forest', 'out-of-bag', { n_estimators: 30 }],
    ['logistic', 'cross-fit', {}],
  ] as const) {
    const result = trainModel({ table, target: 'churn', task: 'binary', model, features, seed: 2, params });
    const data = trainingData(result);
    const direct = getEstimatorEntry(model).fitWithHeldOut(data, params, 2, 0.2);
    expect(JSON.stringify(result.pipeline.estimator)).toBe(JSON.stringify(direct.estimator));
    const labels = Float64Array.from(direct.heldOut.rows, (row) => data.y[row]);
    expect([model, result.threshold]).toEqual([
      model,
      tuneThreshold(labels, direct.heldOut.scores).threshold,
    ]);
    expect(result.heldOut?.source).toBe(source);
  }
});

test('without threshold tuning a binary train fits on every training row and keeps 0.5', () => {
  const result = trainModel({
    table,
    target: 'churn',
    task: 'binary',
    model: 'gradient_boosting',
    features,
    seed: 4,
    params: { max_iter: 10 },
    tuneThreshold: false,
  });
  expect(result.threshold).toBe(0.5);
  expect(result.heldOut).toBeUndefined();
  const direct = getEstimatorEntry('gradient_boosting').fit(trainingData(result), { max_iter: 10 }, 4);
  expect(JSON.stringify(result.pipeline.estimator)).toBe(JSON.stringify(direct));
});
