/** The decision threshold that maximises F1, and that F1. */
export interface TunedThreshold {
  threshold: number;
  f1: number;
}

/**
 * Finds the probability threshold (predict positive when `p >= threshold`) that
 * maximises F1 on validation labels `yTrue` (0/1) and probabilities `p`. Every distinct
 * score is a candidate; the chosen threshold sits midway between the best score and
 * the next lower one, so it does not hinge on one validation example. 0.5 with F1 0
 * when there are no positives.
 */
export function tuneThreshold(yTrue: ArrayLike<number>, p: ArrayLike<number>): TunedThreshold {
  const n = yTrue.length;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => p[b] - p[a]);
  let positives = 0;
  for (let i = 0; i < n; i += 1) positives += yTrue[i] === 1 ? 1 : 0;
  if (positives === 0) return { threshold: 0.5, f1: 0 };
  let tp = 0;
  let predicted = 0;
  let best = { threshold: 0.5, f1: -1 };
  let i = 0;
  while (i < n) {
    const score = p[order[i]];
    while (i < n && p[order[i]] === score) {
      tp += yTrue[order[i]] === 1 ? 1 : 0;
      predicted += 1;
      i += 1;
    }
    const f1 = (2 * tp) / (predicted + positives);
    if (f1 > best.f1) {
      const lower = i < n ? p[order[i]] : 0;
      best = { threshold: i < n ? (score + lower) / 2 : score, f1 };
    }
  }
  return best;
}
