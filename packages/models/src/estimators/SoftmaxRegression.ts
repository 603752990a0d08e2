import { ModelsError } from '../errors';
import { minimizeLbfgs } from '../optim/minimizeLbfgs';
import { badModelFile, expectExactly, expectModelNumbers } from '../pipeline/modelFileChecks';
import { checkPredictInput, checkTrainingData } from './checkInput';
import type { Estimator, EstimatorShape, EstimatorState, TrainingData } from './Estimator';
import { checkInputMeans, inputMeansJson, inputMeansOf, readInputMeans } from './linearState';

/** Options of the multinomial logistic regression. */
export interface SoftmaxParams {
  /** Inverse L2 strength, as scikit-learn's `C`. @default 1 */
  C?: number;
  /** @default 500 */
  maxIter?: number;
  /** Stop when the largest gradient component is below this. @default 1e-6 */
  tol?: number;
}

/**
 * Multinomial (softmax) logistic regression with penalty `||W||² / (2C)` on the weights
 * (not the intercepts), fitted by L-BFGS: the objective scikit-learn's
 * `LogisticRegression(multi_class='multinomial')` minimises, so its probabilities agree.
 * Serialised under the `logistic` kind with `multinomial: true`.
 */
export class SoftmaxRegression implements Estimator {
  readonly kind = 'logistic';
  readonly outputs: number;
  private readonly scratch: Float64Array;

  constructor(
    /** Class-major: `weights[class * width + feature]`. */
    readonly weights: Float64Array,
    readonly intercepts: Float64Array,
    readonly width: number,
    /** Mean of each input over the fitted rows (explanations' reference); absent in older documents. */
    readonly inputMeans?: Float64Array,
  ) {
    this.outputs = intercepts.length;
    this.scratch = new Float64Array(this.outputs);
  }

  static fit(data: TrainingData, params: SoftmaxParams = {}): SoftmaxRegression {
    checkTrainingData('logistic', data);
    const C = params.C ?? 1;
    if (!(C > 0)) throw new ModelsError('bad-params', `C must be > 0, got ${C}`);
    const { x, rows, width, y, classes: k } = data;
    const stride = width + 1;
    const z = new Float64Array(k);
    // Parameters: per class `width` weights then the intercept.
    const objective = (beta: Float64Array, gradient: Float64Array): number => {
      gradient.fill(0);
      let value = 0;
      for (let row = 0; row < rows; row += 1) {
        const offset = row * width;
        let max = Number.NEGATIVE_INFINITY;
        for (let c = 0; c < k; c += 1) {
          let sum = beta[c * stride + width];
          for (let j = 0; j < width; j += 1) sum += beta[c * stride + j] * x[offset + j];
          z[c] = sum;
          if (sum > max) max = sum;
        }
        let total = 0;
        for (let c = 0; c < k; c += 1) total += Math.exp(z[c] - max);
        const logTotal = max + Math.log(total);
        value += logTotal - z[y[row]];
        for (let c = 0; c < k; c += 1) {
          const residual = Math.exp(z[c] - logTotal) - (y[row] === c ? 1 : 0);
          const base = c * stride;
          for (let j = 0; j < width; j += 1) gradient[base + j] += residual * x[offset + j];
          gradient[base + width] += residual;
        }
      }
      for (let c = 0; c < k; c += 1) {
        for (let j = 0; j < width; j += 1) {
          const w = beta[c * stride + j];
          value += (w * w) / (2 * C);
          gradient[c * stride + j] += w / C;
        }
      }
      return value;
    };
    const result = minimizeLbfgs(objective, new Float64Array(k * stride), {
      maxIter: params.maxIter ?? 500,
      gradientTol: params.tol ?? 1e-6,
    });
    const weights = new Float64Array(k * width);
    const intercepts = new Float64Array(k);
    for (let c = 0; c < k; c += 1) {
      weights.set(result.x.subarray(c * stride, c * stride + width), c * width);
      intercepts[c] = result.x[c * stride + width];
    }
    return new SoftmaxRegression(weights, intercepts, width, inputMeansOf(x, rows, width));
  }

  /** Checks a stored state: `width` as the preprocessing's, one intercept per class, classes × width finite weights. */
  static checkState(state: EstimatorState, shape: EstimatorShape): void {
    if (shape.task !== 'multiclass') {
      throw badModelFile('estimator', `is a multinomial logistic model but the task is ${shape.task}`);
    }
    expectExactly(state.width, shape.width, 'estimator.width', 'the inputs the preprocessing makes');
    expectModelNumbers(state.intercepts, 'estimator.intercepts', shape.classes, ', one per class');
    expectModelNumbers(state.weights, 'estimator.weights', shape.classes * shape.width, ' (classes × width)');
    checkInputMeans(state, shape.width);
  }

  static fromJSON(state: EstimatorState): SoftmaxRegression {
    const { weights, intercepts, width } = state as unknown as {
      weights: number[];
      intercepts: number[];
      width: number;
    };
    if (
      !Array.isArray(weights) ||
      !Array.isArray(intercepts) ||
      !Number.isInteger(width) ||
      weights.length !== width * intercepts.length
    ) {
      throw new ModelsError(
        'bad-model-file',
        'multinomial logistic model JSON needs "weights" (classes × width), "intercepts" and "width"',
      );
    }
    return new SoftmaxRegression(
      Float64Array.from(weights),
      Float64Array.from(intercepts),
      width,
      readInputMeans(state),
    );
  }

  predict(x: Float64Array, rows: number, out: Float64Array): void {
    const { weights, intercepts, width, outputs: k, scratch } = this;
    checkPredictInput(this.kind, width, k, x, rows, out);
    for (let row = 0; row < rows; row += 1) {
      let max = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < k; c += 1) {
        let sum = intercepts[c];
        for (let j = 0; j < width; j += 1) sum += weights[c * width + j] * x[row * width + j];
        scratch[c] = sum;
        if (sum > max) max = sum;
      }
      let total = 0;
      for (let c = 0; c < k; c += 1) {
        scratch[c] = Math.exp(scratch[c] - max);
        total += scratch[c];
      }
      for (let c = 0; c < k; c += 1) out[row * k + c] = scratch[c] / total;
    }
  }

  toJSON(): EstimatorState {
    return {
      kind: this.kind,
      multinomial: true,
      width: this.width,
      weights: Array.from(this.weights),
      intercepts: Array.from(this.intercepts),
      ...inputMeansJson(this.inputMeans),
    };
  }
}
