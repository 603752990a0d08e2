/** The two-sample KS statistic and where it is reached. */
export interface KsStatistic {
  /** sup |F₁ − F₂| over the pooled sample. */
  statistic: number;
  /** The value at which the largest difference is reached. */
  location: number;
  /** +1 when F₁ − F₂ is largest there, −1 when F₂ − F₁ is. */
  sign: 1 | -1;
}

/**
 * Two-sample Kolmogorov–Smirnov statistic of two ascending-sorted samples, by
 * one merge pass over both (O(n₁ + n₂)). Ties are handled as SciPy's
 * `ks_2samp` does: both empirical CDFs are evaluated after every copy of a
 * value (`searchsorted(side='right')`), and the same divisions are made, so the
 * statistic is bit-identical to SciPy's.
 */
export function ksStatisticSorted(first: ArrayLike<number>, second: ArrayLike<number>): KsStatistic {
  const n1 = first.length;
  const n2 = second.length;
  let i = 0;
  let j = 0;
  let maxDiff = Number.NEGATIVE_INFINITY;
  let minDiff = Number.POSITIVE_INFINITY;
  let maxAt = Number.NaN;
  let minAt = Number.NaN;
  while (i < n1 || j < n2) {
    const value = j >= n2 || (i < n1 && first[i] <= second[j]) ? first[i] : second[j];
    while (i < n1 && first[i] <= value) i += 1;
    while (j < n2 && second[j] <= value) j += 1;
    const diff = i / n1 - j / n2;
    // Strict comparisons keep the smallest value reaching the extreme.
    if (diff > maxDiff) {
      maxDiff = diff;
      maxAt = value;
    }
    if (diff < minDiff) {
      minDiff = diff;
      minAt = value;
    }
  }
  const minS = Math.min(Math.max(-minDiff, 0), 1);
  if (minS > maxDiff) return { statistic: minS, location: minAt, sign: -1 };
  return { statistic: maxDiff, location: maxAt, sign: 1 };
}
