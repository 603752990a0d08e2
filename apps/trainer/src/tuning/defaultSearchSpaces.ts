import type { SearchSpace } from '@mlops/models';

/**
 * What `mlops tune` searches for each model kind when no `--space` is given: the
 * parameters that matter most, over ranges that are sensible on tabular data.
 */
export const defaultSearchSpaces: Readonly<Record<string, SearchSpace>> = {
  logistic: { C: { type: 'float', low: 1e-3, high: 100, log: true } },
  linear: { alpha: { type: 'float', low: 1e-3, high: 1000, log: true } },
  decision_tree: { max_depth: { type: 'int', low: 2, high: 12 } },
  gradient_boosting: {
    learning_rate: { type: 'float', low: 0.02, high: 0.3, log: true },
    max_leaf_nodes: { type: 'int', low: 8, high: 96, log: true },
    min_samples_leaf: { type: 'int', low: 5, high: 100, log: true },
    l2_regularization: { type: 'float', low: 1e-3, high: 10, log: true },
  },
  random_forest: {
    max_features: { type: 'float', low: 0.1, high: 1 },
    min_samples_leaf: { type: 'int', low: 1, high: 20, log: true },
    max_depth: { type: 'int', low: 4, high: 30 },
  },
};

/** Parameters every trial of a kind gets besides the searched ones. */
export const fixedTrialParams: Readonly<Record<string, Record<string, number>>> = {
  // A held-out split inside each fit gives per-round scores for the pruner, and stops hopeless fits early.
  gradient_boosting: { max_iter: 300, early_stopping: 1 },
};
