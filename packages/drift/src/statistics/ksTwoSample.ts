import { kolmogorovSurvival } from './kolmogorovSurvival';
import { ksExactPValue } from './ksExactPValue';
import { ksStatisticSorted } from './ksStatisticSorted';
import { nonEmptySortedSamples } from './nonEmptySortedSamples';

/** How the p-value is computed, as SciPy's `method` argument. */
export type KsMethod = 'auto' | 'exact' | 'asymp';

/** Options of {@link ksTwoSample}. */
export interface KsTwoSampleOptions {
  /** `auto` is exact when both samples have at most 10,000 values, asymptotic otherwise. @default 'auto' */
  method?: KsMethod;
  /** Set when both samples are already sorted ascending without NaN: skips the copy and sort. @default false */
  sorted?: boolean;
}

/** Result of {@link ksTwoSample}. */
export interface KsTwoSampleResult {
  statistic: number;
  pValue: number;
  /** The method actually used. */
  method: 'exact' | 'asymp';
  /** Value at which the two empirical CDFs differ most. */
  location: number;
}

/** SciPy's `MAX_AUTO_N`: `auto` attempts the exact p-value up to this sample size. */
const MAX_EXACT_N = 10_000;

/**
 * Two-sided two-sample Kolmogorov–Smirnov test with the conventions of SciPy
 * 1.10's `scipy.stats.ks_2samp(a, b)`: statistic sup|F₁ − F₂| with ties
 * counted as SciPy counts them; with `method: 'auto'` the exact p-value when
 * max(n₁, n₂) ≤ 10,000 (the statistic then snapped to the h/lcm lattice, as
 * SciPy reports it), otherwise `kstwo.sf(D, round(n₁n₂/(n₁+n₂)))`. NaN values
 * are dropped first. Throws a `DriftError` with code `empty-sample` when either
 * sample has no value left.
 */
export function ksTwoSample(
  first: ArrayLike<number>,
  second: ArrayLike<number>,
  options: KsTwoSampleOptions = {},
): KsTwoSampleResult {
  const [a, b] = nonEmptySortedSamples('ksTwoSample', first, second, options.sorted);
  const n1 = a.length;
  const n2 = b.length;
  const { statistic, location } = ksStatisticSorted(a, b);
  const method = options.method ?? 'auto';
  if (method === 'exact' || (method === 'auto' && Math.max(n1, n2) <= MAX_EXACT_N)) {
    const exact = ksExactPValue(n1, n2, statistic);
    if (Number.isFinite(exact.pValue)) {
      return { statistic: exact.statistic, pValue: exact.pValue, method: 'exact', location };
    }
  }
  const m = Math.max(n1, n2);
  const n = Math.min(n1, n2);
  const en = (m * n) / (m + n);
  const pValue = kolmogorovSurvival(roundHalfEven(en), statistic);
  return { statistic, pValue: Math.min(1, Math.max(0, pValue)), method: 'asymp', location };
}

/** numpy's `np.round`: halves go to the even neighbour (5000.5 → 5000). */
function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const diff = value - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}
