/**
 * Counts values into the bins of a reference histogram (`edges.length - 1` bins).
 * Values below the first edge fall in the first bin and values above the last in
 * the last one, as the reference profile's histogram defines; NaN is skipped.
 */
export function binCounts(values: ArrayLike<number>, edges: readonly number[]): Float64Array {
  const bins = edges.length - 1;
  const counts = new Float64Array(bins);
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i];
    if (Number.isNaN(value)) continue;
    let low = 0;
    let high = bins - 1;
    // Binary search for the last edge <= value among the interior edges.
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (edges[mid] <= value) low = mid;
      else high = mid - 1;
    }
    counts[low] += 1;
  }
  return counts;
}
