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
  const positive = classScores(tp, fp, fn);
  // The negative class's scores: its true positives are the true negatives.
  const negative = classScores(tn, fn, fp);
  const { rocAuc, averagePrecision } = rankingMetrics(yTrue, probability);
  return {
    accuracy: (tp + tn) / n,
    precision: positive.precision,
    recall: positive.recall,
    f1: positive.f1,
    f1_macro: (positive.f1 + negative.f1) / 2,
    roc_auc: rocAuc,
    pr_auc: averagePrecision,
    log_loss: logLoss / n,
    confusion_matrix: [
      [tn, fp],
      [fn, tp],
    ],
  };
}

/** Precision, recall and F1 of one class from its true positives, false positives and false negatives (0 when undefined). */
function classScores(tp: number, fp: number, fn: number): { precision: number; recall: number; f1: number } {
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}
