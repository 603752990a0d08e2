/** Median of the non-NaN values; NaN when there are none. */
export function nanMedian(values: Float64Array): number {
  const present = values.filter((value) => !Number.isNaN(value)).sort();
  if (present.length === 0) return Number.NaN;
  const mid = present.length >> 1;
  return present.length % 2 ? present[mid] : (present[mid - 1] + present[mid]) / 2;
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
