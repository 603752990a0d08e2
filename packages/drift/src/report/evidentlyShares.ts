/**
 * Evidently's zero replacement before PSI and Jensen–Shannon: an empty bin
 * gets a millionth of the smallest non-empty share when that is ≤ 1e-4, else
 * 1e-4, so logarithms stay finite. Works in place on shares.
 */
export function replaceEmptyShares(shares: Float64Array): Float64Array {
  let smallest = Number.POSITIVE_INFINITY;
  for (const share of shares) if (share !== 0 && share < smallest) smallest = share;
  if (!Number.isFinite(smallest)) return shares;
  const fill = smallest <= 1e-4 ? smallest / 1e6 : 1e-4;
  for (let i = 0; i < shares.length; i += 1) if (shares[i] === 0) shares[i] = fill;
  return shares;
}

/** Counts divided by their total (the number of non-missing values). */
export function toShares(counts: ArrayLike<number>, total: number): Float64Array {
  const shares = new Float64Array(counts.length);
  for (let i = 0; i < counts.length; i += 1) shares[i] = total > 0 ? counts[i] / total : 0;
  return shares;
}

/**
 * Evidently's binning of two numeric samples for PSI and Jensen–Shannon when
 * the reference has more than `bins` distinct values: NumPy's "sturges" edges
 * over both samples (⌈log₂ N⌉ + 1 equal-width bins), last bin closed.
 */
export function sturgesCounts(
  reference: Float64Array,
  current: Float64Array,
): { reference: Float64Array; current: Float64Array } {
  const n = reference.length + current.length;
  const min = Math.min(reference[0], current[0]);
  const max = Math.max(reference[reference.length - 1], current[current.length - 1]);
  const bins = Math.max(1, Math.ceil(Math.log2(n) + 1));
  const count = (sorted: Float64Array): Float64Array => {
    const out = new Float64Array(bins);
    const width = (max - min) / bins;
    for (const value of sorted) {
      const bin = width > 0 ? Math.min(bins - 1, Math.floor((value - min) / width)) : 0;
      out[bin] += 1;
    }
    return out;
  };
  return { reference: count(reference), current: count(current) };
}
