/**
 * How far the current mean has moved, in reference standard deviations:
 * (mean_current − mean_reference) / std_reference. The simple monitor the
 * product started with flags a column when |z| passes a threshold; a zero
 * reference std gives ±Infinity for any move (0 for none).
 */
export function meanZScore(referenceMean: number, referenceStd: number, currentMean: number): number {
  const shift = currentMean - referenceMean;
  if (referenceStd > 0) return shift / referenceStd;
  return shift === 0 ? 0 : shift > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
}
