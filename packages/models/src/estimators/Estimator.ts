/** The learning task; the same names as `@mlops/features`' `Task`. */
export type EstimatorTask = 'binary' | 'multiclass' | 'regression';

/** Training data in the form every estimator takes: a row-major matrix and encoded labels. */
export interface TrainingData {
  x: Float64Array;
  rows: number;
  width: number;
  /** Regression: the target; classification: the class index 0…classes-1. */
  y: Float64Array;
  /** Number of classes (1 for regression). */
  classes: number;
}

/**
 * A fitted estimator. `predict` writes `outputs` numbers per row into `out`:
 * the value (regression), P(class 1) (binary), or one probability per class.
 */
export interface Estimator {
  readonly kind: string;
  readonly outputs: number;
  predict(x: Float64Array, rows: number, out: Float64Array): void;
  /** Plain-JSON state that {@link loadEstimator} turns back into the same estimator. */
  toJSON(): EstimatorState;
}

/**
 * What a stored estimator must fit, taken from the rest of its model document: the
 * task, the width of the preprocessor's output and the number of classes (1 for regression).
 */
export interface EstimatorShape {
  task: EstimatorTask;
  width: number;
  classes: number;
}

/** The JSON form of an estimator: its kind plus kind-specific fields. */
export interface EstimatorState {
  kind: string;
  [field: string]: unknown;
}

/**
 * Callbacks an iterative estimator calls while it fits. `onRound` gets each
 * boosting round's validation score (higher is better; only when early stopping
 * holds out a validation split) and may throw to stop the fit (tuning prunes so).
 */
export interface FitHooks {
  onRound?: (round: number, validationScore: number) => void;
}
