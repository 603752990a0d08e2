/**
 * The 0-based bin of `value` among a reference histogram's `edges` (bin `i` is
 * `[edges[i], edges[i + 1])`, the last bin closed): values below the first edge
 * fall in bin 0 and values above the last in the last bin, as the baseline profile
 * counts its own rows and as `@mlops/drift` bins a window on the same edges.
 * A binary search: no allocation, O(log bins).
 */
export function referenceBin(value: number, edges: Float64Array): number {
  let low = 0;
  let high = edges.length - 2;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (edges[mid] <= value) low = mid;
    else high = mid - 1;
  }
  return low;
}
