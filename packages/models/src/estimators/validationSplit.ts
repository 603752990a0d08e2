import { createRng } from '@mlops/features';

/** Row indices of a fit/validation split. */
export interface ValidationSplit {
  fit: Int32Array;
  validation: Int32Array;
}

/**
 * A seeded split of rows `0…y.length-1` that holds out `fraction` of them, stratified by
 * class when `classes > 1` (so rare positives appear on both sides). Both index lists
 * are ascending. Used for early stopping and threshold tuning.
 */
export function validationSplit(
  y: ArrayLike<number>,
  classes: number,
  fraction: number,
  seed: number,
): ValidationSplit {
  const rng = createRng(seed);
  const groups: number[][] = classes > 1 ? Array.from({ length: classes }, () => []) : [[]];
  for (let row = 0; row < y.length; row += 1) groups[classes > 1 ? y[row] : 0].push(row);
  const fit: number[] = [];
  const validation: number[] = [];
  for (const group of groups) {
    rng.shuffle(group);
    const held = Math.round(group.length * fraction);
    for (let i = 0; i < group.length; i += 1) (i < held ? validation : fit).push(group[i]);
  }
  return {
    fit: Int32Array.from(fit).sort(),
    validation: Int32Array.from(validation).sort(),
  };
}

/** Copies rows `indices` of the row-major `x` (`width` columns) into a new matrix. */
export function takeRows(x: Float64Array, width: number, indices: Int32Array): Float64Array {
  const out = new Float64Array(indices.length * width);
  for (let i = 0; i < indices.length; i += 1)
    out.set(x.subarray(indices[i] * width, (indices[i] + 1) * width), i * width);
  return out;
}
