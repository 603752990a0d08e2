import { primaryMetric } from '@mlops/models';

/**
 * The metrics a comparison shows for a task, primary first: ROC-AUC alone hides
 * what rare positives cost, so binary tasks show PR-AUC and F1 beside it.
 */
export function comparisonMetrics(task: string): string[] {
  if (task === 'regression') return ['r2', 'rmse', 'mae'];
  if (task === 'multiclass') return ['f1_macro', 'accuracy', 'roc_auc'];
  return ['roc_auc', 'pr_auc', 'f1', 'accuracy'];
}

/** Whether larger is better for a comparison metric (errors are smaller-is-better). */
export function higherIsBetter(metric: string): boolean {
  return !['rmse', 'mae', 'log_loss'].includes(metric);
}

export { primaryMetric };
