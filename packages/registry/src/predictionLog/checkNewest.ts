/** A window's `newest` must be a whole number from 1 (`RangeError` naming it otherwise). */
export function checkNewest(newest: number): void {
  if (!Number.isInteger(newest) || newest < 1)
    throw new RangeError(`newest must be a whole number from 1, got ${newest}`);
}
