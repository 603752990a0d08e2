import type { Estimator, TrainingData } from './Estimator';
import { takeRows, validationSplit } from './validationSplit';

/**
 * Predictions a fit made on training rows it did not learn from, so a decision
 * threshold can be tuned without a second fit: boosting's early-stopping validation
 * split, a forest's out-of-bag rows, k-fold cross-fitted predictions of a linear model,
 * or (for kinds without any) a validation split the model is not fitted on.
 */
export interface HeldOutScores {
  source: 'early-stopping' | 'validation-split' | 'out-of-bag' | 'cross-fit';
  /** Training-row indices, ascending. */
  rows: Int32Array;
  /** `outputs` numbers per row of `rows`, as `predict` gives them. */
  scores: Float64Array;
}

/** A fitted estimator with its held-out predictions. */
export interface FittedWithHeldOut {
  estimator: Estimator;
  heldOut: HeldOutScores;
}

/** Rows `rows` of `data` as training data of their own. */
export function subsetRows(data: TrainingData, rows: Int32Array): TrainingData {
  return {
    x: takeRows(data.x, data.width, rows),
    rows: rows.length,
    width: data.width,
    y: Float64Array.from(rows, (row) => data.y[row]),
    classes: data.classes,
  };
}

/**
 * For kinds with no held-out rows of their own: holds out a seeded, stratified `fraction`
 * of the rows, fits on the rest (the one fit) and scores the held-out rows.
 */
export function fitOnValidationSplit(
  data: TrainingData,
  fraction: number,
  seed: number,
  fit: (part: TrainingData) => Estimator,
): FittedWithHeldOut {
  const split = validationSplit(data.y, data.classes, fraction, seed);
  const estimator = fit(subsetRows(data, split.fit));
  const held = subsetRows(data, split.validation);
  const scores = new Float64Array(held.rows * estimator.outputs);
  estimator.predict(held.x, held.rows, scores);
  return { estimator, heldOut: { source: 'validation-split', rows: split.validation, scores } };
}

/**
 * Fits on all rows, then cross-fits: for each of `folds` seeded folds a model fitted on
 * the other folds (`fitFold` gets the full model, to start from it) scores that fold.
 * Every row gets a score from a model that did not see it.
 */
export function fitCrossFitted(
  data: TrainingData,
  folds: number,
  seed: number,
  fit: (part: TrainingData) => Estimator,
  fitFold: (part: TrainingData, full: Estimator) => Estimator,
): FittedWithHeldOut {
  const estimator = fit(data);
  const outputs = estimator.outputs;
  const scores = new Float64Array(data.rows * outputs);
  let rest = Int32Array.from({ length: data.rows }, (_, i) => i);
  for (let k = folds; k >= 1; k -= 1) {
    // Fold k holds 1/k of the rows not yet scored: `folds` near-equal, stratified folds.
    const labels = Float64Array.from(rest, (row) => data.y[row]);
    const split = validationSplit(labels, data.classes, 1 / k, seed + k);
    const held = Int32Array.from(split.validation, (i) => rest[i]);
    const train = new Int32Array(data.rows - held.length);
    const isHeld = new Uint8Array(data.rows);
    for (const row of held) isHeld[row] = 1;
    let n = 0;
    for (let row = 0; row < data.rows; row += 1) if (!isHeld[row]) train[n++] = row;
    const model = fitFold(subsetRows(data, train), estimator);
    const part = subsetRows(data, held);
    const out = new Float64Array(part.rows * outputs);
    model.predict(part.x, part.rows, out);
    held.forEach((row, i) => {
      scores.set(out.subarray(i * outputs, (i + 1) * outputs), row * outputs);
    });
    rest = Int32Array.from(split.fit, (i) => rest[i]);
  }
  return {
    estimator,
    heldOut: { source: 'cross-fit', rows: Int32Array.from({ length: data.rows }, (_, i) => i), scores },
  };
}
