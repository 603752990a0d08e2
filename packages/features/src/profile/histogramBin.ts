/**
 * The 0-based bin of `value` among a profile histogram's `edges` (bin `i` is
 * `[edges[i], edges[i + 1])`, the last bin closed): values below the first edge
 * fall in bin 0 and values above the last in the last bin, as the baseline profile
 * counts its own rows. Drift windows, and the API logging a sensitive field as its
 * bin, use this one rule so their counts match the reference's. A binary search:
 * no allocation, O(log bins).
 */
export function histogramBin(value: number, edges: ArrayLike<number>): number {
  let low = 0;
  let high = edges.length - 2;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (edges[mid] <= value) low = mid;
    else high = mid - 1;
  }
  return low;
}
