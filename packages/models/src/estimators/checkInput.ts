import { ModelsError } from '../errors';
import type { TrainingData } from './Estimator';

/**
 * Rejects a training matrix whose shape does not match `rows × width` or that holds
 * NaN/±Infinity (the pipeline imputes missing values; an estimator called directly must
 * not silently learn from them), and labels that are not class indices.
 */
export function checkTrainingData(kind: string, data: TrainingData): void {
  const { x, rows, width, y, classes } = data;
  if (!(rows > 0) || x.length !== rows * width || y.length !== rows) {
    throw new ModelsError(
      'bad-input',
      `${kind}: x holds ${x.length} values and y ${y.length} for ${rows} rows × ${width} features: pass matching shapes`,
    );
  }
  // The scans are functions of their own so V8 optimises each loop once (BENCHMARKS.md, 2026-12-07).
  const i = firstNonFinite(x);
  if (i >= 0) {
    throw new ModelsError(
      'bad-input',
      `${kind}: feature ${i % width} of row ${Math.floor(i / width)} is ${x[i]}: impute missing values first (the pipeline does)`,
    );
  }
  const row = firstBadLabel(y, rows, classes);
  if (row >= 0) {
    throw new ModelsError(
      'bad-input',
      `${kind}: target of row ${row} is ${y[row]}: expected ${classes > 1 ? `a class index 0…${classes - 1}` : 'a finite number'}`,
    );
  }
}

/** The index of the first value of `x` that is not finite, or -1. */
function firstNonFinite(x: Float64Array): number {
  for (let i = 0; i < x.length; i += 1) if (!Number.isFinite(x[i])) return i;
  return -1;
}

/** The first of `rows` labels that is not a class index below `classes` (or, for 1, not finite), or -1. */
function firstBadLabel(y: Float64Array, rows: number, classes: number): number {
  for (let i = 0; i < rows; i += 1) {
    const label = y[i];
    const ok =
      classes > 1 ? Number.isInteger(label) && label >= 0 && label < classes : Number.isFinite(label);
    if (!ok) return i;
  }
  return -1;
}

/**
 * Checks a prediction call: `x` must hold `rows × width` finite values (a wrong number of
 * features is an error, never a silent wrong answer) and `out` room for the outputs.
 */
export function checkPredictInput(
  kind: string,
  width: number,
  outputs: number,
  x: Float64Array,
  rows: number,
  out: Float64Array,
): void {
  if (x.length !== rows * width) {
    throw new ModelsError(
      'bad-input',
      `${kind} expects ${width} features per row: got ${x.length} values for ${rows} rows (${rows > 0 ? x.length / rows : x.length} per row)`,
    );
  }
  if (out.length < rows * outputs) {
    throw new ModelsError('bad-argument', `${kind}: out holds ${out.length} values, needs ${rows * outputs}`);
  }
  for (let i = 0; i < x.length; i += 1) {
    if (!Number.isFinite(x[i])) {
      throw new ModelsError(
        'bad-input',
        `${kind}: feature ${i % width} of row ${Math.floor(i / width)} is ${x[i]}: predictions need finite inputs`,
      );
    }
  }
}
