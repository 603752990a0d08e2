import { nonEmptySortedSamples } from './nonEmptySortedSamples';

/** Options of {@link wassersteinDistance}. */
export interface WassersteinOptions {
  /** Both samples are already sorted ascending without NaN. @default false */
  sorted?: boolean;
}

/**
 * First Wasserstein (earth mover's) distance between two 1-D samples, as
 * `scipy.stats.wasserstein_distance(u, v)`: ∫|U(x) − V(x)| dx over the pooled
 * sorted values, by one merge pass. NaN values are dropped.
 */
export function wassersteinDistance(
  first: ArrayLike<number>,
  second: ArrayLike<number>,
  options: WassersteinOptions = {},
): number {
  const [a, b] = nonEmptySortedSamples('wassersteinDistance', first, second, options.sorted);
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let previous = Math.min(a[0], b[0]);
  let total = 0;
  while (i < n1 || j < n2) {
    const value = j >= n2 || (i < n1 && a[i] <= b[j]) ? a[i] : b[j];
    // The CDFs are constant on [previous, value): they count what is ≤ previous.
    total += Math.abs(i / n1 - j / n2) * (value - previous);
    while (i < n1 && a[i] <= value) i += 1;
    while (j < n2 && b[j] <= value) j += 1;
    previous = value;
  }
  return total;
}
