import type { DatasetSchema } from '../schema/DatasetSchema';
import type { DataTable } from '../table/DataTable';
import { inspectQuality } from './inspectQuality';
import type { QualityReport } from './QualityReport';

/** Options of {@link checkQuality} and {@link prepareDataset}. */
export interface QualityOptions {
  /** A column with a larger share of missing cells rejects the dataset. @default 0.05 */
  maxMissingShare?: number;
  /** How many offending rows each issue lists. @default 5 */
  exampleRows?: number;
  /**
   * What exact duplicate rows do: `'drop'` reports them as a warning and
   * prepareDataset removes the repeats, `'reject'` makes them an error, `'keep'`
   * reports and keeps them. @default 'drop'
   */
  duplicateRows?: 'drop' | 'reject' | 'keep';
  /** A category in fewer than this share of rows is reported as rare. @default 0.005 */
  rareCategoryShare?: number;
  /**
   * Most distinct values of a categorical feature; more (or more than half the
   * rows) rejects the dataset, so one-hot encoding stays bounded. @default 1000
   */
  maxCategories?: number;
}

/**
 * Runs the data-quality gate on a table against its schema and reports what it
 * finds, changing nothing: required columns, column types, missing values, negative
 * and out-of-range values, whole numbers, duplicate rows, constant columns, category
 * spelling, unknown and rare categories, and a target with something to learn.
 * `passed` is false when any issue is an error. {@link prepareDataset} runs the same
 * checks and then cleans the data.
 */
export function checkQuality(
  table: DataTable,
  schema: DatasetSchema,
  options: QualityOptions = {},
): QualityReport {
  return inspectQuality(table, schema, options).report;
}
