/**
 * ROC AUC (ties count half) and average precision (as scikit-learn's `roc_auc_score`
 * and `average_precision_score`) of scores for 0/1 labels, from one sort by
 * descending score; NaN when only one class is present.
 */
export function rankingMetrics(
  yTrue: ArrayLike<number>,
  score: ArrayLike<number>,
): { rocAuc: number; averagePrecision: number } {
  const n = yTrue.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => score[b] - score[a]);
  let positives = 0;
  for (let i = 0; i < n; i += 1) positives += yTrue[i] === 1 ? 1 : 0;
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return { rocAuc: Number.NaN, averagePrecision: Number.NaN };
  let tp = 0;
  let fp = 0;
  let area = 0;
  let averagePrecision = 0;
  let i = 0;
  while (i < n) {
    // One step per distinct score, so tied scores form one point of the curves.
    const start = i;
    let groupTp = 0;
    while (i < n && score[order[i]] === score[order[start]]) {
      groupTp += yTrue[order[i]] === 1 ? 1 : 0;
      i += 1;
    }
    const groupFp = i - start - groupTp;
    area += groupFp * (tp + groupTp / 2);
    tp += groupTp;
    fp += groupFp;
    averagePrecision += (groupTp / positives) * (tp / (tp + fp));
  }
  return { rocAuc: area / (positives * negatives), averagePrecision };
}
