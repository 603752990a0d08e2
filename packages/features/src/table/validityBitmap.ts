/**
 * Arrow's validity bitmap for `length` slots (bit `i` set when slot `i` holds a
 * value), and how many slots are null. Returns a `null` bitmap when none is, as
 * Arrow expects for a column without nulls.
 */
export function validityBitmap(
  length: number,
  isValid: (i: number) => boolean,
): { bitmap: Uint8Array | null; nullCount: number } {
  const bitmap = new Uint8Array(Math.ceil(length / 8));
  let nullCount = 0;
  for (let i = 0; i < length; i += 1) {
    if (isValid(i)) bitmap[i >> 3] |= 1 << (i & 7);
    else nullCount += 1;
  }
  return { bitmap: nullCount === 0 ? null : bitmap, nullCount };
}
