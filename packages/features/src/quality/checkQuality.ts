import type { DatasetSchema } from '../schema/DatasetSchema';
import type { DataTable } from '../table/DataTable';
import type { QualityOptions } from './QualityOptions';
import type { QualityReport } from './QualityReport';
import { runQualityRules } from './runQualityRules';

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
  return runQualityRules(table, schema, options).report;
}
