/** Metrics by name, e.g. `{ f1: 0.71, roc_auc: 0.84 }` (the confusion matrix as nested arrays). */
export type Metrics = Record<string, number | number[][]>;
