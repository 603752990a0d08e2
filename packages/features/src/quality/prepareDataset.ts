import type { DatasetSchema } from '../schema/DatasetSchema';
import { type Column, DataTable } from '../table/DataTable';
import type { QualityOptions } from './QualityOptions';
import type { QualityReport } from './QualityReport';
import { runQualityRules } from './runQualityRules';
import { mostFrequentCode, nanMedian } from './summaries';

/** The outcome of {@link prepareDataset}: the cleaned table when the gate passed, and the report always. */
export interface PreparedDataset {
  /** Absent when the gate rejected the dataset: nothing should be written then. */
  table?: DataTable;
  report: QualityReport;
}

/**
 * Runs the quality gate (see checkQuality) and, when it passes, cleans the data:
 * keeps only the schema's columns in its order, normalises the spelling of
 * categorical features, drops exact duplicate rows (unless `duplicateRows` says
 * otherwise), and fills the remaining missing feature cells (median for numbers,
 * most frequent category otherwise), counting everything in the report. A rejected
 * dataset gives no table.
 */
export function prepareDataset(
  table: DataTable,
  schema: DatasetSchema,
  options: QualityOptions = {},
): PreparedDataset {
  const { report, columns, duplicates } = runQualityRules(table, schema, options);
  if (!report.passed) return { report };
  let cleaned = new DataTable(schema.columns.map((spec) => columns.get(spec.name)!));
  if (duplicates.length > 0 && (options.duplicateRows ?? 'drop') === 'drop') {
    const dropped = new Uint8Array(table.numRows);
    for (const row of duplicates) dropped[row] = 1;
    const keep = new Int32Array(table.numRows - duplicates.length);
    let k = 0;
    for (let row = 0; row < table.numRows; row += 1) if (!dropped[row]) keep[k++] = row;
    cleaned = cleaned.take(keep);
    report.droppedRows = duplicates.length;
  }
  const features = new Set(schema.columns.filter((spec) => spec.role === 'feature').map((spec) => spec.name));
  const imputed = cleaned.columns.map((column): Column => {
    if (!features.has(column.name)) return column;
    const { column: filled, count } = impute(column);
    report.imputed[column.name] = count;
    return filled;
  });
  return { table: new DataTable(imputed), report };
}

function impute(column: Column): { column: Column; count: number } {
  let count = 0;
  if (column.kind === 'numeric') {
    // The median costs a selection over the column: skip it when nothing is missing.
    if (!column.values.some(Number.isNaN)) return { column, count: 0 };
    const fill = nanMedian(column.values);
    const values = column.values.map((value) => {
      if (!Number.isNaN(value)) return value;
      count += 1;
      return fill;
    });
    return { column: { ...column, values }, count };
  }
  const fill = mostFrequentCode(column.codes, column.dictionary.length);
  const codes = column.codes.map((code) => {
    if (code >= 0) return code;
    count += 1;
    return fill;
  });
  return { column: { ...column, codes }, count };
}
