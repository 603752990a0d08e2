import { quantilesInPlace } from '../profile/quantilesInPlace';

/** Median of the non-NaN values; NaN when there are none. */
export function nanMedian(values: Float64Array): number {
  const present = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i += 1) if (!Number.isNaN(values[i])) present[n++] = values[i];
  return quantilesInPlace(present.subarray(0, n), [0.5])[0];
}

/** The most frequent non-missing code (the smallest on ties); -1 when every cell is missing. */
export function mostFrequentCode(codes: Int32Array, dictionarySize: number): number {
  const counts = new Int32Array(dictionarySize);
  for (const code of codes) if (code >= 0) counts[code] += 1;
  let best = -1;
  for (let code = 0; code < dictionarySize; code += 1) {
    if (counts[code] > 0 && (best < 0 || counts[code] > counts[best])) best = code;
  }
  return best;
}
