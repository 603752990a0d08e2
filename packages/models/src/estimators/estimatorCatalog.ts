import { ModelsError } from '../errors';
import type { Estimator, EstimatorState, EstimatorTask, TrainingData } from './Estimator';
import { LogisticRegression } from './LogisticRegression';
import { RidgeRegression } from './RidgeRegression';

/** A kind of model the platform can train: how to fit it, load it, and for which tasks. */
export interface EstimatorEntry {
  tasks: readonly EstimatorTask[];
  /** Whether inputs should be standardised before fitting. */
  wantsScaledInputs: boolean;
  fit(data: TrainingData, params: Record<string, number>, seed: number): Estimator;
  load(state: EstimatorState): Estimator;
}

/** Every model kind, by the name `--model` takes. */
export const estimatorCatalog: Readonly<Record<string, EstimatorEntry>> = {
  logistic: {
    tasks: ['binary'],
    wantsScaledInputs: true,
    fit: (data, params) => LogisticRegression.fit(data, params),
    load: (state) => LogisticRegression.fromJSON(state),
  },
  linear: {
    tasks: ['regression'],
    wantsScaledInputs: true,
    fit: (data, params) => RidgeRegression.fit(data, params),
    load: (state) => RidgeRegression.fromJSON(state),
  },
};

/** The catalogue entry of `kind`, checked against `task`; errors list what exists. */
export function getEstimatorEntry(kind: string, task?: EstimatorTask): EstimatorEntry {
  const entry = estimatorCatalog[kind];
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
