import { DriftError } from '../errors';
import { kolmogorovSurvival } from './kolmogorovSurvival';

/** Result of {@link ksOnBins}. */
export interface KsOnBinsResult {
  /** max over the bin edges of |F₁ − F₂|: a lower bound of the exact two-sample D. */
  statistic: number;
  /** `kstwo.sf(D, round(n₁n₂/(n₁+n₂)))`, as SciPy's asymptotic `ks_2samp`: at least the exact p-value's size. */
  pValue: number;
}

/**
 * Two-sample Kolmogorov–Smirnov test of two samples known only by their counts
 * on the same ordered bins (a stored profile's histogram and a window's counts on
 * it). Both empirical CDFs are exact at every bin edge, so the largest gap there
 * is a lower bound of the exact D: the test can miss a shift finer than a bin,
 * never invent one. The p-value is the asymptotic one SciPy uses for large samples.
 * Throws `empty-sample` when a side has no count.
 */
export function ksOnBins(reference: ArrayLike<number>, current: ArrayLike<number>): KsOnBinsResult {
  if (reference.length !== current.length) {
    throw new DriftError(
      'bad-argument',
      `ksOnBins needs the same bins on both sides (${reference.length} ≠ ${current.length})`,
    );
  }
  let n1 = 0;
  let n2 = 0;
  for (let i = 0; i < reference.length; i += 1) {
    n1 += reference[i];
    n2 += current[i];
  }
  if (n1 === 0 || n2 === 0)
    throw new DriftError('empty-sample', 'ksOnBins needs counts on both sides (a total is 0)');
  let cumulative1 = 0;
  let cumulative2 = 0;
  let statistic = 0;
  for (let i = 0; i < reference.length; i += 1) {
    cumulative1 += reference[i];
    cumulative2 += current[i];
    statistic = Math.max(statistic, Math.abs(cumulative1 / n1 - cumulative2 / n2));
  }
  const en = Math.max(1, Math.round((n1 * n2) / (n1 + n2)));
  return { statistic, pValue: Math.min(1, Math.max(0, kolmogorovSurvival(en, statistic))) };
}
