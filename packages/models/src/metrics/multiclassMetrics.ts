import { rankingMetrics } from './rankingMetrics';

/** Multiclass classification quality (argmax decisions) plus probabilistic metrics. */
export interface MulticlassMetrics {
  accuracy: number;
  /** Unweighted means over classes, as scikit-learn's `average='macro'`. */
  precision_macro: number;
  recall_macro: number;
  f1_macro: number;
  /** Class-frequency-weighted F1, as scikit-learn's `average='weighted'`. */
  f1_weighted: number;
  /** One-vs-rest ROC AUC averaged over classes (`roc_auc_score(multi_class='ovr')`). */
  roc_auc: number;
  log_loss: number;
  /** `matrix[true][predicted]`, as scikit-learn's `confusion_matrix`. */
  confusion_matrix: number[][];
}

/**
 * Computes {@link MulticlassMetrics}: `yTrue` holds class indices 0…classes-1 and
 * `probabilities` one row of `classes` probabilities per example (row-major).
 */
export function multiclassMetrics(
  yTrue: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  classes: number,
): MulticlassMetrics {
  const n = yTrue.length;
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  let logLoss = 0;
  for (let i = 0; i < n; i += 1) {
    let best = 0;
    let sum = 0;
    for (let c = 0; c < classes; c += 1) {
      const p = probabilities[i * classes + c];
      if (p > probabilities[i * classes + best]) best = c;
      sum += Math.min(Math.max(p, 1e-15), 1 - 1e-15);
    }
    confusion[yTrue[i]][best] += 1;
    // scikit-learn clips, then renormalises each row.
    const p = Math.min(Math.max(probabilities[i * classes + yTrue[i]], 1e-15), 1 - 1e-15) / sum;
    logLoss -= Math.log(p);
  }
  let correct = 0;
  let precision = 0;
  let recall = 0;
  let f1 = 0;
  let f1Weighted = 0;
  let aucSum = 0;
  let aucClasses = 0;
  const label = new Float64Array(n);
  const score = new Float64Array(n);
  for (let c = 0; c < classes; c += 1) {
    let predicted = 0;
    let actual = 0;
    for (let k = 0; k < classes; k += 1) {
      predicted += confusion[k][c];
      actual += confusion[c][k];
    }
    const tp = confusion[c][c];
    correct += tp;
    const p = predicted ? tp / predicted : 0;
    const r = actual ? tp / actual : 0;
    const f = p + r ? (2 * p * r) / (p + r) : 0;
    precision += p / classes;
    recall += r / classes;
    f1 += f / classes;
    f1Weighted += (f * actual) / n;
    for (let i = 0; i < n; i += 1) {
      label[i] = yTrue[i] === c ? 1 : 0;
      score[i] = probabilities[i * classes + c];
    }
    const { rocAuc } = rankingMetrics(label, score);
    if (!Number.isNaN(rocAuc)) {
      aucSum += rocAuc;
      aucClasses += 1;
    }
  }
  return {
    accuracy: correct / n,
    precision_macro: precision,
    recall_macro: recall,
    f1_macro: f1,
    f1_weighted: f1Weighted,
    roc_auc: aucClasses ? aucSum / aucClasses : Number.NaN,
    log_loss: logLoss / n,
    confusion_matrix: confusion,
  };
}
