import type { Task } from '@mlops/features';
import {
  binaryBaselineMetrics,
  multiclassBaselineMetrics,
  regressionBaselineMetrics,
} from './baselineMetrics';
import { binaryMetrics } from './binaryMetrics';
import type { Metrics } from './Metrics';
import { multiclassMetrics } from './multiclassMetrics';
import { regressionMetrics } from './regressionMetrics';

/** What scoring a task needs beyond the truth and the scores. */
export interface TaskMetricsOptions {
  /** Number of classes (multiclass); scores hold `classes` probabilities per row. */
  classes?: number;
  /** Binary decision threshold. @default 0.5 */
  threshold?: number;
}

/**
 * The metrics of a task, in one place for training, evaluation, the promotion
 * gate's champion/challenger comparison and the monitor: binary from P(positive)
 * at the threshold, multiclass from class probabilities, regression from values.
 */
export function taskMetrics(
  task: Task,
  y: ArrayLike<number>,
  scores: ArrayLike<number>,
  options: TaskMetricsOptions = {},
): Metrics {
  if (task === 'regression') return { ...regressionMetrics(y, scores) };
  if (task === 'binary') return { ...binaryMetrics(y, scores, options.threshold ?? 0.5) };
  return { ...multiclassMetrics(y, scores, options.classes ?? 0) };
}

/** The same metrics for the task's trivial baseline (training class shares, or the training mean). */
export function taskBaselineMetrics(
  task: Task,
  yTrain: ArrayLike<number>,
  yTest: ArrayLike<number>,
  classes = 0,
): Metrics {
  if (task === 'regression') return { ...regressionBaselineMetrics(yTrain, yTest) };
  if (task === 'binary') return { ...binaryBaselineMetrics(yTrain, yTest) };
  return { ...multiclassBaselineMetrics(yTrain, yTest, classes) };
}

/** The metric a task's models are ranked by: ROC-AUC (binary), F1-macro (multiclass), R² (regression). */
export function primaryMetric(task: Task): 'roc_auc' | 'f1_macro' | 'r2' {
  return task === 'regression' ? 'r2' : task === 'multiclass' ? 'f1_macro' : 'roc_auc';
}
