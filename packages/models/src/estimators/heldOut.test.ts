import { friedmanProblem } from '../__tests__/syntheticData';
import { getEstimatorEntry } from './estimatorCatalog';
import { GradientBoosting } from './GradientBoosting';
import { subsetRows } from './heldOut';
import { RandomForest } from './RandomForest';
import { validationSplit } from './validationSplit';

const { train, test: unseen } = friedmanProblem('binary', 1_500, 4);
const accuracy = (y: ArrayLike<number>, p: ArrayLike<number>) =>
  Array.from(y).filter((label, i) => (p[i] >= 0.5 ? 1 : 0) === label).length / y.length;
const scored = (
  model: { predict(x: Float64Array, rows: number, out: Float64Array): void },
  data = unseen,
) => {
  const out = new Float64Array(data.rows);
  model.predict(data.x, data.rows, out);
  return out;
};

test('fitWithHeldOut returns the model fit returns: the held-out predictions come from the same fit', () => {
  const forest = RandomForest.fitWithHeldOut(train, { n_estimators: 20 }, 3);
  expect(JSON.stringify(forest.estimator)).toBe(
    JSON.stringify(RandomForest.fit(train, { n_estimators: 20 }, 3)),
  );
  const params = { max_iter: 30, early_stopping: 1 };
  const boosted = GradientBoosting.fitWithHeldOut(train, params, 3);
  expect(JSON.stringify(boosted.estimator)).toBe(JSON.stringify(GradientBoosting.fit(train, params, 3)));
});

test('a forest’s out-of-bag scores are each row’s mean over the trees that did not see it: as honest as test scores', () => {
  const { estimator, heldOut } = RandomForest.fitWithHeldOut(train, { n_estimators: 40 }, 1);
  expect(heldOut.source).toBe('out-of-bag');
  // With 40 bootstrap draws every row is left out by some tree.
  expect(heldOut.rows.length).toBe(train.rows);
  const labels = Float64Array.from(heldOut.rows, (row) => train.y[row]);
  const outOfBag = accuracy(labels, heldOut.scores);
  const onTraining = accuracy(train.y, scored(estimator, train));
  const onTest = accuracy(unseen.y, scored(estimator));
  expect(onTraining).toBeGreaterThan(0.99); // fully grown trees remember their rows
  expect(Math.abs(outOfBag - onTest)).toBeLessThan(0.04);
  for (const p of heldOut.scores) expect(p >= -1e-12 && p <= 1 + 1e-12).toBe(true);
});

test('boosting’s held-out scores are the final model’s predictions on its early-stopping validation rows', () => {
  const { estimator, heldOut } = GradientBoosting.fitWithHeldOut(train, { early_stopping: 1 }, 5);
  expect(heldOut.source).toBe('early-stopping');
  const split = validationSplit(train.y, 2, 0.1, 5);
  expect(Array.from(heldOut.rows)).toEqual(Array.from(split.validation));
  expect(Array.from(heldOut.scores)).toEqual(
    Array.from(scored(estimator, subsetRows(train, split.validation))),
  );
  // Without early stopping the same split is held out for these predictions only.
  const off = GradientBoosting.fitWithHeldOut(train, { early_stopping: 0, max_iter: 20 }, 5);
  expect(off.heldOut.source).toBe('validation-split');
  expect((off.estimator as GradientBoosting).rounds).toBe(20);
  expect(Array.from(off.heldOut.rows)).toEqual(Array.from(split.validation));
});

test('logistic regression cross-fits: every row scored by a model fitted on the other folds, starting from the full fit', () => {
  const entry = getEstimatorEntry('logistic', 'binary');
  const { estimator, heldOut } = entry.fitWithHeldOut(train, {}, 2, 0.2);
  expect(heldOut.source).toBe('cross-fit');
  expect(Array.from(heldOut.rows)).toEqual(Array.from({ length: train.rows }, (_, i) => i));
  expect(JSON.stringify(estimator)).toBe(JSON.stringify(entry.fit(train, {}, 2)));
  // Out-of-fold scores differ from the full model's in-sample scores, but only a little.
  const inSample = scored(estimator, train);
  let largest = 0;
  heldOut.scores.forEach((p, i) => {
    largest = Math.max(largest, Math.abs(p - inSample[i]));
  });
  expect(largest).toBeGreaterThan(1e-6);
  expect(largest).toBeLessThan(0.2);
});
