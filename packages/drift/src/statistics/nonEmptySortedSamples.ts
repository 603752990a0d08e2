import { DriftError } from '../errors';
import { sortedFinite } from './sortedFinite';

/**
 * The two samples of a two-sample statistic, sorted ascending without NaN
 * ({@link sortedFinite}), or as given when the caller says they already are.
 * Throws a `DriftError` with code `empty-sample`, naming `statistic`, when
 * either has no value left.
 */
export function nonEmptySortedSamples(
  statistic: string,
  first: ArrayLike<number>,
  second: ArrayLike<number>,
  sorted = false,
): [ArrayLike<number>, ArrayLike<number>] {
  const a = sorted ? first : sortedFinite(first);
  const b = sorted ? second : sortedFinite(second);
  if (a.length === 0 || b.length === 0) {
    throw new DriftError(
      'empty-sample',
      `${statistic} needs values in both samples (got ${a.length} and ${b.length} non-missing)`,
    );
  }
  return [a, b];
}
