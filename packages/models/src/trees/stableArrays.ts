// Arrays whose V8 elements kind is fixed when they are made. An empty `[]` starts as an array
// of small integers and changes map on its first object or fraction; code V8 optimised in
// one fit, while its arrays were still in the first kind, then fails its map check in the
// next fit's new arrays ("wrong map") and is compiled again (BENCHMARKS.md, 2026-12-07).

/** An empty array that holds object references (or null/undefined) from the start. */
export function referenceArray<T>(): T[] {
  const array: (T | null)[] = [null];
  array.pop();
  return array as T[];
}

/** `n` zeros in an array of doubles, so that storing fractions in it changes nothing. */
export function doubleArray(n: number): number[] {
  return new Array<number>(n).fill(0.5).fill(0);
}
