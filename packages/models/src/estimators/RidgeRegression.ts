import { ModelsError } from '../errors';
import { solveSymmetric } from '../linear/solveSymmetric';
import { badModelFile } from '../pipeline/modelFileChecks';
import { checkPredictInput, checkTrainingData } from './checkInput';
import type { Estimator, EstimatorShape, EstimatorState, TrainingData } from './Estimator';
import {
  checkInputMeans,
  checkLinearWeights,
  inputMeansJson,
  linearScores,
  readInputMeans,
  readLinearWeights,
} from './linearState';

/** Options of ridge regression. */
export interface RidgeParams {
  /** L2 strength on the weights (not the intercept), as scikit-learn's `Ridge(alpha=…)`. @default 1 */
  alpha?: number;
}

/** Linear regression with an L2 penalty, solved in closed form on centred data. */
export class RidgeRegression implements Estimator {
  readonly kind = 'linear';
  readonly outputs = 1;

  constructor(
    readonly weights: Float64Array,
    readonly intercept: number,
    /** Mean of each input over the fitted rows (explanations' reference); absent in older documents. */
    readonly inputMeans?: Float64Array,
  ) {}

  static fit(data: TrainingData, params: RidgeParams = {}): RidgeRegression {
    checkTrainingData('linear', data);
    const alpha = params.alpha ?? 1;
    if (!(alpha >= 0)) throw new ModelsError('bad-params', `alpha must be >= 0, got ${alpha}`);
    const { x, rows, width, y } = data;
    const means = new Float64Array(width);
    let yMean = 0;
    for (let row = 0; row < rows; row += 1) {
      for (let j = 0; j < width; j += 1) means[j] += x[row * width + j];
      yMean += y[row];
    }
    for (let j = 0; j < width; j += 1) means[j] /= rows;
    yMean /= rows;
    const gram = new Float64Array(width * width);
    const xty = new Float64Array(width);
    const centred = new Float64Array(width);
    for (let row = 0; row < rows; row += 1) {
      for (let j = 0; j < width; j += 1) centred[j] = x[row * width + j] - means[j];
      const target = y[row] - yMean;
      for (let j = 0; j < width; j += 1) {
        xty[j] += centred[j] * target;
        for (let k = 0; k <= j; k += 1) gram[j * width + k] += centred[j] * centred[k];
      }
    }
    for (let j = 0; j < width; j += 1) {
      for (let k = j + 1; k < width; k += 1) gram[j * width + k] = gram[k * width + j];
      gram[j * width + j] += alpha + 1e-10;
    }
    const weights = solveSymmetric(gram, xty, width);
    let intercept = yMean;
    for (let j = 0; j < width; j += 1) intercept -= weights[j] * means[j];
    return new RidgeRegression(weights, intercept, means);
  }

  /** Checks a stored state: one finite weight per input of the preprocessing, a finite intercept. */
  static checkState(state: EstimatorState, shape: EstimatorShape): void {
    if (shape.task !== 'regression')
      throw badModelFile('estimator', `is a linear regression but the task is ${shape.task}`);
    checkLinearWeights(state, shape.width);
    checkInputMeans(state, shape.width);
  }

  static fromJSON(state: EstimatorState): RidgeRegression {
    const { weights, intercept } = readLinearWeights(state, 'linear');
    return new RidgeRegression(weights, intercept, readInputMeans(state));
  }

  predict(x: Float64Array, rows: number, out: Float64Array): void {
    const width = this.weights.length;
    checkPredictInput(this.kind, width, 1, x, rows, out);
    linearScores(this, x, rows, out);
  }

  toJSON(): EstimatorState {
    return {
      kind: this.kind,
      weights: Array.from(this.weights),
      intercept: this.intercept,
      ...inputMeansJson(this.inputMeans),
    };
  }
}
