import { ModelsError } from '../errors';
import { expectModelNumber, expectModelNumbers } from '../pipeline/modelFileChecks';
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
