import { type BinaryMetrics, binaryMetrics } from './binaryMetrics';
import { type MulticlassMetrics, multiclassMetrics } from './multiclassMetrics';
import { type RegressionMetrics, regressionMetrics } from './regressionMetrics';

/**
 * The trivial baseline of a binary task: always predict the training set's
 * positive rate as the probability (so the majority class at threshold 0.5).
 */
export function binaryBaselineMetrics(yTrain: ArrayLike<number>, yTest: ArrayLike<number>): BinaryMetrics {
  let positives = 0;
  for (let i = 0; i < yTrain.length; i += 1) positives += yTrain[i];
  const rate = positives / yTrain.length;
  return binaryMetrics(yTest, new Float64Array(yTest.length).fill(rate));
}

/** The trivial baseline of a regression task: always predict the training mean. */
export function regressionBaselineMetrics(
  yTrain: ArrayLike<number>,
  yTest: ArrayLike<number>,
): RegressionMetrics {
  let sum = 0;
  for (let i = 0; i < yTrain.length; i += 1) sum += yTrain[i];
  return regressionMetrics(yTest, new Float64Array(yTest.length).fill(sum / yTrain.length));
}

/** The trivial baseline of a multiclass task: always predict the training class shares. */
export function multiclassBaselineMetrics(
  yTrain: ArrayLike<number>,
  yTest: ArrayLike<number>,
  classes: number,
): MulticlassMetrics {
  const shares = new Float64Array(classes);
  for (let i = 0; i < yTrain.length; i += 1) shares[yTrain[i]] += 1 / yTrain.length;
  const probabilities = new Float64Array(yTest.length * classes);
  for (let i = 0; i < probabilities.length; i += 1) probabilities[i] = shares[i % classes];
  return multiclassMetrics(yTest, probabilities, classes);
}
