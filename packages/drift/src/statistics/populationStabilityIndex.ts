/**
 * Population stability index between two binned distributions (counts per bin):
 * `Σ (a - e) · ln(a / e)` over bin shares. Empty bins get a share of 1e-4 so the
 * index stays finite, as in common practice (and Evidently).
 */
export function populationStabilityIndex(expected: ArrayLike<number>, actual: ArrayLike<number>): number {
  if (expected.length !== actual.length) {
    throw new RangeError(
      `expected and actual need the same number of bins (${expected.length} ≠ ${actual.length})`,
    );
  }
  const expectedTotal = sum(expected);
  const actualTotal = sum(actual);
  if (expectedTotal === 0 || actualTotal === 0) return Number.NaN;
  let psi = 0;
  for (let i = 0; i < expected.length; i += 1) {
    const e = Math.max(expected[i] / expectedTotal, 1e-4);
    const a = Math.max(actual[i] / actualTotal, 1e-4);
    psi += (a - e) * Math.log(a / e);
  }
  return psi;
}

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i += 1) total += values[i];
  return total;
}
