import { ModelsError } from '../errors';
import { CartDecisionTree, decisionTreeParams } from './CartDecisionTree';
import type {
  Estimator,
  EstimatorShape,
  EstimatorState,
  EstimatorTask,
  FitHooks,
  TrainingData,
} from './Estimator';
import { GradientBoosting, gradientBoostingParams } from './GradientBoosting';
import { type FittedWithHeldOut, fitCrossFitted, fitOnValidationSplit } from './heldOut';
import { LogisticRegression } from './LogisticRegression';
import { RandomForest, randomForestParams } from './RandomForest';
import { RidgeRegression } from './RidgeRegression';
import { type ParamSpec, readParams } from './readParams';
import { SoftmaxRegression } from './SoftmaxRegression';

/** A kind of model the platform can train: how to fit it, load it, and for which tasks. */
export interface EstimatorEntry {
  tasks: readonly EstimatorTask[];
  /** Whether inputs should be standardised before fitting. */
  wantsScaledInputs: boolean;
  /** The numeric hyperparameters it accepts, with defaults and ranges (for help texts and checks). */
  params?: Readonly<Record<string, ParamSpec>>;
  fit(data: TrainingData, params: Record<string, number>, seed: number, hooks?: FitHooks): Estimator;
  /**
   * One fit that also yields predictions on training rows the model did not learn from
   * (for tuning a decision threshold without a second fit). `holdOut` is the share of rows
   * a kind without held-out rows of its own sets aside for them (it is fitted on the rest).
   */
  fitWithHeldOut(
    data: TrainingData,
    params: Record<string, number>,
    seed: number,
    holdOut: number,
    hooks?: FitHooks,
  ): FittedWithHeldOut;
  load(state: EstimatorState): Estimator;
  /**
   * Checks a stored state against the document around it (width, classes, task),
   * throwing `bad-model-file` naming the field; {@link load} may assume it passed.
   */
  check(state: EstimatorState, shape: EstimatorShape): void;
}

const logisticParams = {
  /** Inverse L2 strength, as scikit-learn's `C`. @default 1 */
  C: { default: 1, min: 0, exclusiveMin: true },
  /** @default 100 (binary, Newton) / 500 (multiclass, L-BFGS) */
  max_iter: { default: 0, min: 0, integer: true, aliases: ['maxIter'] },
  /** @default 1e-8 (binary: step size) / 1e-6 (multiclass: gradient) */
  tol: { default: 0, min: 0 },
} as const;

/** Folds of the cross-fitted predictions of linear models. */
const CROSS_FIT_FOLDS = 5;

const ridgeParams = {
  /** L2 strength, as scikit-learn's `Ridge(alpha=…)`. @default 1 */
  alpha: { default: 1, min: 0 },
} as const;

/** What an estimator class offers for stored states: reading one and checking one. */
interface StoredEstimator {
  fromJSON(state: EstimatorState): Estimator;
  checkState(state: EstimatorState, shape: EstimatorShape): void;
}

/** The `load` and `check` of a catalogue entry, from the estimator class that implements them. */
const storedAs = (stored: StoredEstimator): Pick<EstimatorEntry, 'load' | 'check'> => ({
  load: (state) => stored.fromJSON(state),
  check: (state, shape) => stored.checkState(state, shape),
});

/** Every model kind, by the name `--model` takes. */
export const estimatorCatalog: Readonly<Record<string, EstimatorEntry>> = {
  logistic: {
    tasks: ['binary', 'multiclass'],
    wantsScaledInputs: true,
    params: logisticParams,
    fit: (data, params) => fitLogistic(data, params),
    fitWithHeldOut: (data, params, seed) =>
      fitCrossFitted(
        data,
        CROSS_FIT_FOLDS,
        seed,
        (all) => fitLogistic(all, params),
        (part, full) => fitLogistic(part, params, full),
      ),
    load: (state) =>
      state.multinomial === true ? SoftmaxRegression.fromJSON(state) : LogisticRegression.fromJSON(state),
    check: (state, shape) =>
      state.multinomial === true
        ? SoftmaxRegression.checkState(state, shape)
        : LogisticRegression.checkState(state, shape),
  },
  linear: {
    tasks: ['regression'],
    wantsScaledInputs: true,
    params: ridgeParams,
    fit: (data, params) => RidgeRegression.fit(data, readParams('linear', params, ridgeParams)),
    fitWithHeldOut: (data, params, seed) => {
      const fit = (part: TrainingData) =>
        RidgeRegression.fit(part, readParams('linear', params, ridgeParams));
      return fitCrossFitted(data, CROSS_FIT_FOLDS, seed, fit, fit);
    },
    ...storedAs(RidgeRegression),
  },
  decision_tree: {
    tasks: ['binary', 'multiclass', 'regression'],
    wantsScaledInputs: false,
    params: decisionTreeParams,
    fit: (data, params) => CartDecisionTree.fit(data, params),
    fitWithHeldOut: (data, params, seed, holdOut) =>
      fitOnValidationSplit(data, holdOut, seed, (part) => CartDecisionTree.fit(part, params)),
    ...storedAs(CartDecisionTree),
  },
  random_forest: {
    tasks: ['binary', 'multiclass', 'regression'],
    wantsScaledInputs: false,
    params: randomForestParams,
    fit: (data, params, seed) => RandomForest.fit(data, params, seed),
    fitWithHeldOut: (data, params, seed, holdOut) =>
      // Without bootstrap no row is out of bag.
      readParams('random_forest', params, randomForestParams).bootstrap === 0
        ? fitOnValidationSplit(data, holdOut, seed, (part) => RandomForest.fit(part, params, seed))
        : RandomForest.fitWithHeldOut(data, params, seed),
    ...storedAs(RandomForest),
  },
  gradient_boosting: {
    tasks: ['binary', 'multiclass', 'regression'],
    wantsScaledInputs: false,
    params: gradientBoostingParams,
    fit: (data, params, seed, hooks) => GradientBoosting.fit(data, params, seed, hooks),
    fitWithHeldOut: (data, params, seed, _holdOut, hooks) =>
      GradientBoosting.fitWithHeldOut(data, params, seed, hooks),
    ...storedAs(GradientBoosting),
  },
};

/** Binary logistic (Newton, optionally from `start`) or multinomial (L-BFGS) regression. */
function fitLogistic(data: TrainingData, params: Record<string, number>, start?: Estimator): Estimator {
  const p = readParams('logistic', params, logisticParams);
  const options = { C: p.C, maxIter: p.max_iter || undefined, tol: p.tol || undefined };
  return data.classes === 2
    ? LogisticRegression.fit(data, { ...options, start: start as LogisticRegression | undefined })
    : SoftmaxRegression.fit(data, options);
}

/** The catalogue entry of `kind`, checked against `task`; errors list what exists. */
export function getEstimatorEntry(kind: string, task?: EstimatorTask): EstimatorEntry {
  const entry = Object.hasOwn(estimatorCatalog, kind) ? estimatorCatalog[kind] : undefined;
  if (!entry) {
    throw new ModelsError(
      'unknown-model',
      `unknown model '${kind}': choose one of ${Object.keys(estimatorCatalog).join(', ')}`,
    );
  }
  if (task && !entry.tasks.includes(task)) {
    throw new ModelsError(
      'bad-params',
      `model '${kind}' does not support ${task} tasks (it supports ${entry.tasks.join(', ')})`,
    );
  }
  return entry;
}
