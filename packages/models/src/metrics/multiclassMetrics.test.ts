import { multiclassMetrics } from './multiclassMetrics';
import { tuneThreshold } from './tuneThreshold';

// Reference values from scikit-learn 1.2.1 on the labels and probabilities below:
//   accuracy_score, precision/recall/f1_score(average='macro'), f1_score(average='weighted'),
//   log_loss, roc_auc_score(multi_class='ovr'), confusion_matrix (predictions = argmax).
const y = [0, 1, 2, 2, 1, 0, 2, 1];
const p = [
  [0.7, 0.2, 0.1],
  [0.2, 0.5, 0.3],
  [0.1, 0.3, 0.6],
  [0.3, 0.4, 0.3],
  [0.1, 0.8, 0.1],
  [0.5, 0.1, 0.4],
  [0.2, 0.2, 0.6],
  [0.4, 0.3, 0.3],
].flat();

test('multiclass metrics match scikit-learn', () => {
  const m = multiclassMetrics(y, p, 3);
  expect(m.accuracy).toBeCloseTo(0.75, 12);
  expect(m.precision_macro).toBeCloseTo(0.7777777777777777, 12);
  expect(m.recall_macro).toBeCloseTo(0.7777777777777777, 12);
  expect(m.f1_macro).toBeCloseTo(0.7555555555555555, 12);
  expect(m.f1_weighted).toBeCloseTo(0.75, 12);
  expect(m.log_loss).toBeCloseTo(0.6744637140695857, 12);
  expect(m.roc_auc).toBeCloseTo(0.9222222222222222, 12);
  expect(m.confusion_matrix).toEqual([
    [2, 0, 0],
    [1, 2, 0],
    [0, 1, 2],
  ]);
});

test('the tuned threshold maximises F1 on the validation scores', () => {
  const labels = [0, 0, 1, 1, 0, 1, 0, 1, 1, 0];
  const scores = [0.1, 0.4, 0.35, 0.8, 0.2, 0.9, 0.6, 0.6, 0.45, 0.05];
  const { threshold, f1 } = tuneThreshold(labels, scores);
  // Positive at p ≥ 0.35 catches all five positives with two false positives: F1 = 10/12.
  expect(f1).toBeCloseTo(10 / 12, 12);
  expect(threshold).toBeCloseTo((0.35 + 0.2) / 2, 12);
  let best = 0;
  for (const t of scores) {
    let tp = 0;
    let predicted = 0;
    scores.forEach((s, i) => {
      if (s >= t) {
        predicted += 1;
        tp += labels[i];
      }
    });
    best = Math.max(best, (2 * tp) / (predicted + 5));
  }
  expect(f1).toBeCloseTo(best, 12);
});
