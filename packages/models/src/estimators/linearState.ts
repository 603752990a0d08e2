import { ModelsError } from '../errors';
import { badModelFile, expectModelNumber, expectModelNumbers, shown } from '../pipeline/modelFileChecks';
import type { EstimatorState } from './Estimator';

/** The part logistic and ridge regression store alike: one weight per input and an intercept. */
export interface LinearWeights {
  weights: Float64Array;
  intercept: number;
}

/** Checks a stored state's `weights` (one finite number per input, `width` of them) and `intercept`. */
export function checkLinearWeights(state: EstimatorState, width: number): void {
  expectModelNumbers(state.weights, 'estimator.weights', width, ', one per input the preprocessing makes');
  expectModelNumber(state.intercept, 'estimator.intercept');
}

/** Reads `weights` and `intercept` from a `model` (e.g. "linear") JSON state, or throws `bad-model-file`. */
export function readLinearWeights(state: EstimatorState, model: string): LinearWeights {
  const { weights, intercept } = state as unknown as { weights: number[]; intercept: number };
  if (!Array.isArray(weights) || typeof intercept !== 'number') {
    throw new ModelsError('bad-model-file', `${model} model JSON needs numeric "weights" and "intercept"`);
  }
  return { weights: Float64Array.from(weights), intercept };
}

/** `out[row] = intercept + weights · x[row]` for the row-major `x` (`weights.length` columns). */
export function linearScores(
  { weights, intercept }: LinearWeights,
  x: Float64Array,
  rows: number,
  out: Float64Array,
): void {
  const width = weights.length;
  for (let row = 0; row < rows; row += 1) {
    let z = intercept;
    for (let j = 0; j < width; j += 1) z += weights[j] * x[row * width + j];
    out[row] = z;
  }
}

/**
 * The mean of each input over the rows a linear model was fitted on: the reference its
 * explanations measure contributions from (`weight × (x − mean)`), so the expected value is
 * the model's mean score on those rows. Stored as the optional `inputMeans`.
 */
export function inputMeansOf(x: Float64Array, rows: number, width: number): Float64Array {
  const means = new Float64Array(width);
  for (let row = 0; row < rows; row += 1) for (let j = 0; j < width; j += 1) means[j] += x[row * width + j];
  for (let j = 0; j < width; j += 1) means[j] /= rows;
  return means;
}

/** Checks the optional `inputMeans` of a stored linear state (absent in documents written before explanations). */
export function checkInputMeans(state: EstimatorState, width: number): void {
  if (state.inputMeans === undefined) return;
  if (!Array.isArray(state.inputMeans))
    throw badModelFile(
      'estimator.inputMeans',
      `is ${shown(state.inputMeans)}: it must be an array of numbers`,
    );
  expectModelNumbers(
    state.inputMeans,
    'estimator.inputMeans',
    width,
    ', one per input the preprocessing makes',
  );
}

/** The stored `inputMeans`, or undefined for a document written before them. */
export function readInputMeans(state: EstimatorState): Float64Array | undefined {
  return Array.isArray(state.inputMeans) ? Float64Array.from(state.inputMeans as number[]) : undefined;
}

/** `inputMeans` for a state's JSON, or nothing when unknown. */
export function inputMeansJson(means: Float64Array | undefined): { inputMeans?: number[] } {
  return means ? { inputMeans: Array.from(means) } : {};
}
