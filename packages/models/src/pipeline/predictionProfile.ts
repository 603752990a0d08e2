import {
  categoricalColumn,
  type DataTable,
  type NumericProfile,
  numericColumn,
  type PredictionBaseline,
  profileColumn,
} from '@mlops/features';
import type { ModelPipeline } from './ModelPipeline';

/**
 * Profiles the model's own predictions on `table`: live predictions are compared
 * with this, not with the label's base rate, because a classifier with a tuned
 * threshold predicts positives at its own rate. Pass held-out rows: forests and
 * boosting are surer of the rows they were fitted on than of new ones.
 */
export function predictionProfile(pipeline: ModelPipeline, table: DataTable): PredictionBaseline {
  const { predictions, probabilities } = pipeline.predictTable(table);
  const prediction =
    pipeline.task === 'regression'
      ? profileColumn(numericColumn('prediction', predictions as number[]))
      : profileColumn(categoricalColumn('prediction', predictions.map(String)));
  return {
    prediction,
    probability: probabilities
      ? (profileColumn(numericColumn('probability', probabilities)) as NumericProfile)
      : undefined,
    rows: table.numRows,
  };
}
