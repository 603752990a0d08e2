import { rankingMetrics } from './rankingMetrics';

/** Binary classification quality at a decision threshold, plus ranking metrics. */
export interface BinaryMetrics {
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  /** Mean of both classes' F1. */
  f1_macro: number;
  roc_auc: number;
  /** Average precision, as scikit-learn's `average_precision_score`. */
  pr_auc: number;
  log_loss: number;
  /** `[[tn, fp], [fn, tp]]`, as scikit-learn's `confusion_matrix`. */
  confusion_matrix: [[number, number], [number, number]];
}

/**
 * Computes {@link BinaryMetrics}: `yTrue` holds 0/1 labels, `probability` P(class 1),
 * and a row is predicted positive when its probability is at least `threshold`.
 */
export function binaryMetrics(
  yTrue: ArrayLike<number>,
  probability: ArrayLike<number>,
  threshold = 0.5,
): BinaryMetrics {
  const n = yTrue.length;
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  let logLoss = 0;
  for (let i = 0; i < n; i += 1) {
    const positive = probability[i] >= threshold;
    if (yTrue[i] === 1) {
      if (positive) tp += 1;
      else fn += 1;
    } else if (positive) fp += 1;
    else tn += 1;
    const p = Math.min(Math.max(probability[i], 1e-15), 1 - 1e-15);
    logLoss -= yTrue[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  const negativePrecision = tn + fn ? tn / (tn + fn) : 0;
  const negativeRecall = tn + fp ? tn / (tn + fp) : 0;
  const f1Negative =
    negativePrecision + negativeRecall
      ? (2 * negativePrecision * negativeRecall) / (negativePrecision + negativeRecall)
      : 0;
  const { rocAuc, averagePrecision } = rankingMetrics(yTrue, probability);
  return {
    accuracy: (tp + tn) / n,
    precision,
    recall,
    f1,
    f1_macro: (f1 + f1Negative) / 2,
    roc_auc: rocAuc,
    pr_auc: averagePrecision,
    log_loss: logLoss / n,
    confusion_matrix: [
      [tn, fp],
      [fn, tp],
    ],
  };
}
