import { type Column, categoricalColumn, createRng, DataTable, numericColumn } from '@mlops/features';
import type { ModelPipeline } from './ModelPipeline';

/** Column of {@link referenceSample} holding the model's prediction for the row. */
export const REFERENCE_PREDICTION_COLUMN = '__prediction__';
/** Column of {@link referenceSample} holding the model's probability (classifiers). */
export const REFERENCE_PROBABILITY_COLUMN = '__probability__';

/** Options of {@link referenceSample}. */
export interface ReferenceSampleOptions {
  /** The training seed: the same data and seed always give the same sample. */
  seed: number;
  /** Rows kept at most. @default 100_000 */
  maxRows?: number;
}

/**
 * A seeded sample of the training data (every row when there are at most
 * `maxRows`, else `maxRows` drawn without replacement, kept in table order)
 * with the model's own prediction (and probability) on each row: the real
 * reference values a monitor's exact KS compares live traffic with. Holds the
 * model's feature columns only, then {@link REFERENCE_PREDICTION_COLUMN} and,
 * for classifiers, {@link REFERENCE_PROBABILITY_COLUMN}.
 */
export function referenceSample(
  pipeline: ModelPipeline,
  table: DataTable,
  options: ReferenceSampleOptions,
): DataTable {
  const maxRows = options.maxRows ?? 100_000;
  if (!(Number.isInteger(maxRows) && maxRows > 0))
    throw new RangeError(`maxRows must be a positive integer, got ${maxRows}`);
  let rows = Int32Array.from({ length: table.numRows }, (_, i) => i);
  if (table.numRows > maxRows) {
    rows = createRng(options.seed).shuffle(rows).subarray(0, maxRows);
    rows.sort();
  }
  const sample = table.take(rows);
  const names = pipeline.features.map((spec) => spec.name).filter((name) => sample.has(name));
  const columns: Column[] = names.map((name) => sample.column(name));
  const { predictions, probabilities } = pipeline.predictTable(sample);
  columns.push(
    pipeline.task === 'regression'
      ? numericColumn(REFERENCE_PREDICTION_COLUMN, predictions as number[])
      : categoricalColumn(REFERENCE_PREDICTION_COLUMN, predictions.map(String)),
  );
  if (probabilities) columns.push(numericColumn(REFERENCE_PROBABILITY_COLUMN, probabilities));
  return new DataTable(columns);
}
