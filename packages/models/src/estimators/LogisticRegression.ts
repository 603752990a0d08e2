import { ModelsError } from '../errors';
import { solveSymmetric } from '../linear/solveSymmetric';
import { badModelFile } from '../pipeline/modelFileChecks';
import { checkPredictInput, checkTrainingData } from './checkInput';
import type { Estimator, EstimatorShape, EstimatorState, TrainingData } from './Estimator';
import {
  checkInputMeans,
  checkLinearWeights,
  inputMeansJson,
  inputMeansOf,
  linearScores,
  readInputMeans,
  readLinearWeights,
} from './linearState';

/** Options of the binary logistic regression. */
export interface LogisticParams {
  /** Inverse L2 strength, as scikit-learn's `C`. @default 1 */
  C?: number;
  /** @default 100 */
  maxIter?: number;
  /** Stop when the largest step is below this. @default 1e-8 */
  tol?: number;
  /**
   * Newton's starting point (a fit on similar rows): cross-fitting starts each fold
   * from the full fit, so a fold costs a step or two. @default all zeros
   */
  start?: LogisticRegression;
}

/**
 * Binary logistic regression with L2 penalty `||w||² / (2C)` on the weights (not
 * the intercept), fitted by Newton's method: the objective scikit-learn's
 * `LogisticRegression(C=…)` minimises, so the coefficients agree with it.
 */
export class LogisticRegression implements Estimator {
  readonly kind = 'logistic';
  readonly outputs = 1;

  constructor(
    readonly weights: Float64Array,
    readonly intercept: number,
    /** Mean of each input over the fitted rows (explanations' reference); absent in older documents. */
    readonly inputMeans?: Float64Array,
  ) {}

  static fit(data: TrainingData, params: LogisticParams = {}): LogisticRegression {
    if (data.classes !== 2) {
      throw new ModelsError(
        'bad-params',
        `logistic supports binary targets here, got ${data.classes} classes`,
      );
    }
    checkTrainingData('logistic', data);
    const C = params.C ?? 1;
    if (!(C > 0)) throw new ModelsError('bad-params', `C must be > 0, got ${C}`);
    const { x, rows, width, y } = data;
    const n = width + 1; // last slot is the intercept
    const beta = new Float64Array(n);
    if (params.start && params.start.weights.length === width) {
      beta.set(params.start.weights);
      beta[width] = params.start.intercept;
    }
    const gradient = new Float64Array(n);
    const hessian = new Float64Array(n * n);
    const candidate = new Float64Array(n);
    const objective = (b: Float64Array): number => {
      let value = 0;
      for (let row = 0; row < rows; row += 1) {
        let z = b[width];
        for (let j = 0; j < width; j += 1) z += b[j] * x[row * width + j];
        // log(1 + e^z) - y z, computed without overflow
        value += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[row] * z;
      }
      for (let j = 0; j < width; j += 1) value += (b[j] * b[j]) / (2 * C);
      return value;
    };
    for (let iter = 0; iter < (params.maxIter ?? 100); iter += 1) {
      gradient.fill(0);
      hessian.fill(0);
      for (let row = 0; row < rows; row += 1) {
        const offset = row * width;
        let z = beta[width];
        for (let j = 0; j < width; j += 1) z += beta[j] * x[offset + j];
        const p = 1 / (1 + Math.exp(-z));
        const residual = p - y[row];
        const w = p * (1 - p);
        for (let j = 0; j < width; j += 1) {
          const xj = x[offset + j];
          gradient[j] += residual * xj;
          const base = j * n;
          for (let k = 0; k <= j; k += 1) hessian[base + k] += w * xj * x[offset + k];
          hessian[width * n + j] += w * xj;
        }
        gradient[width] += residual;
        hessian[width * n + width] += w;
      }
      for (let j = 0; j < width; j += 1) {
        gradient[j] += beta[j] / C;
        hessian[j * n + j] += 1 / C;
      }
      // Only the lower triangle was accumulated; mirror it.
      for (let j = 0; j < n; j += 1)
        for (let k = j + 1; k < n; k += 1) hessian[j * n + k] = hessian[k * n + j];
      hessian[width * n + width] += 1e-12;
      const step = solveSymmetric(hessian, gradient, n);
      // Damped Newton: halve the step until the objective decreases, which keeps
      // the flat directions of one-hot groups (collinear with the intercept) stable.
      const before = objective(beta);
      let scale = 1;
      for (let j = 0; j < n; j += 1) candidate[j] = beta[j] - step[j];
      while (objective(candidate) > before && scale > 1e-10) {
        scale /= 2;
        for (let j = 0; j < n; j += 1) candidate[j] = beta[j] - scale * step[j];
      }
      let largest = 0;
      for (let j = 0; j < n; j += 1) {
        largest = Math.max(largest, Math.abs(candidate[j] - beta[j]));
        beta[j] = candidate[j];
      }
      if (largest < (params.tol ?? 1e-8)) break;
    }
    return new LogisticRegression(beta.slice(0, width), beta[width], inputMeansOf(x, rows, width));
  }

  /** Checks a stored binary state: one finite weight per input of the preprocessing, a finite intercept. */
  static checkState(state: EstimatorState, shape: EstimatorShape): void {
    if (shape.task !== 'binary') {
      throw badModelFile(
        'estimator',
        `is a binary logistic model (multinomial is not true) but the task is ${shape.task}`,
      );
    }
    checkLinearWeights(state, shape.width);
    checkInputMeans(state, shape.width);
  }

  static fromJSON(state: EstimatorState): LogisticRegression {
    const { weights, intercept } = readLinearWeights(state, 'logistic');
    return new LogisticRegression(weights, intercept, readInputMeans(state));
  }

  predict(x: Float64Array, rows: number, out: Float64Array): void {
    const width = this.weights.length;
    checkPredictInput(this.kind, width, 1, x, rows, out);
    linearScores(this, x, rows, out);
    for (let row = 0; row < rows; row += 1) out[row] = 1 / (1 + Math.exp(-out[row]));
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
