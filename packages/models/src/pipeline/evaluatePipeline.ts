import type { DataTable } from '@mlops/features';
import { ModelsError } from '../errors';
import { taskMetrics } from '../metrics/taskMetrics';
import { encodeTarget } from './encodeTarget';
import type { ModelPipeline } from './ModelPipeline';
import type { Metrics } from './trainModel';

/**
 * Scores a trained model on labelled rows, as training scored its test split
 * (same metrics, the model's own threshold and classes): what `evaluate` prints
 * and what the promotion gate compares a candidate and production on.
 */
export function evaluatePipeline(pipeline: ModelPipeline, table: DataTable): Metrics {
  const { target, task, classes, threshold } = pipeline.document;
  if (!table.has(target))
    throw new ModelsError(
      'bad-input',
      `the data has no label column '${target}': evaluation needs labelled rows`,
    );
  if (table.numRows === 0) throw new ModelsError('bad-input', 'the data has no rows to evaluate on');
  const truth = encodeTarget(table, target, task, classes);
  return taskMetrics(task, truth.y, pipeline.scoreTable(table), { classes: classes?.length, threshold });
}
