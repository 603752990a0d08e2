import { binaryBaselineMetrics, regressionBaselineMetrics } from './baselineMetrics';
import { binaryMetrics } from './binaryMetrics';
import { regressionMetrics } from './regressionMetrics';

// Reference values from scikit-learn 1.2.1 (Debian python3-sklearn), computed once with
//   accuracy_score, precision_score, recall_score, f1_score (also average='macro'),
//   roc_auc_score, average_precision_score, log_loss, confusion_matrix
// on the labels and probabilities below, predicting class 1 when p >= 0.5.
const y = [0, 0, 1, 1, 0, 1, 0, 1, 1, 0];
const p = [0.1, 0.4, 0.35, 0.8, 0.2, 0.9, 0.6, 0.6, 0.45, 0.05];

test('binary metrics match scikit-learn', () => {
  const m = binaryMetrics(y, p);
  expect(m.accuracy).toBeCloseTo(0.7, 12);
  expect(m.precision).toBeCloseTo(0.75, 12);
  expect(m.recall).toBeCloseTo(0.6, 12);
  expect(m.f1).toBeCloseTo(0.6666666666666665, 12);
  expect(m.f1_macro).toBeCloseTo(0.6969696969696968, 12);
  expect(m.roc_auc).toBeCloseTo(0.86, 12);
  expect(m.pr_auc).toBeCloseTo(0.8528571428571428, 12);
  expect(m.log_loss).toBeCloseTo(0.4494573228454207, 12);
  expect(m.confusion_matrix).toEqual([
    [4, 1],
    [2, 3],
  ]);
});

// mean_absolute_error, mean_squared_error ** 0.5, r2_score, mean_absolute_percentage_error
test('regression metrics match scikit-learn', () => {
  const m = regressionMetrics([3, -0.5, 2, 7, 1.5], [2.5, 0, 2, 8, 1]);
  expect(m.mae).toBeCloseTo(0.5, 12);
  expect(m.rmse).toBeCloseTo(0.5916079783099616, 12);
  expect(m.r2).toBeCloseTo(0.9429967426710097, 12);
  expect(m.mape).toBeCloseTo(0.32857142857142857, 12);
});

test('the trivial baselines predict the training prior or mean', () => {
  const binary = binaryBaselineMetrics([0, 0, 0, 1], y);
  expect(binary.roc_auc).toBe(0.5);
  expect(binary.f1).toBe(0);
  expect(binary.accuracy).toBeCloseTo(0.5, 12);
  expect(regressionBaselineMetrics([1, 3], [2, 2]).mae).toBe(0);
});
