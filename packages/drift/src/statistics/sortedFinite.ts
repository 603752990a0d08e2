import { radixSortFloat64 } from './radixSortFloat64';

/**
 * The finite-or-infinite, non-NaN values of `values`, copied into a new
 * `Float64Array` and sorted ascending. Missing values (NaN) are dropped, as
 * Evidently drops them before every test.
 */
export function sortedFinite(values: ArrayLike<number>): Float64Array {
  let count = 0;
  for (let i = 0; i < values.length; i += 1) if (!Number.isNaN(values[i])) count += 1;
  const out = new Float64Array(count);
  let k = 0;
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i];
    if (!Number.isNaN(value)) out[k++] = value;
  }
  // Small arrays: the native numeric sort; large ones: radix sort on the bits, several times faster.
  return count < 4096 ? out.sort() : radixSortFloat64(out);
}
