import type { DatasetSchema } from '../schema/DatasetSchema';
import { type Column, DataTable } from '../table/DataTable';
import { checkQuality, type QualityOptions } from './checkQuality';
import type { QualityReport } from './QualityReport';
import { mostFrequentCode, nanMedian } from './summaries';

/** The outcome of {@link prepareDataset}: the cleaned table when the gate passed, and the report always. */
export interface PreparedDataset {
  table?: DataTable;
  report: QualityReport;
}

/**
 * Runs the quality gate and, when it passes, fills the remaining missing feature
 * cells (median for numbers, most frequent category otherwise) and keeps only the
 * schema's columns. A rejected dataset gives no table.
 */
export function prepareDataset(
  table: DataTable,
  schema: DatasetSchema,
  options: QualityOptions = {},
): PreparedDataset {
  const report = checkQuality(table, schema, options);
  if (!report.passed) return { report };
  const columns = schema.columns.map((spec): Column => {
    const column = table.column(spec.name);
    if (spec.role !== 'feature') return column;
    if (column.kind === 'numeric') {
      const fill = nanMedian(column.values);
      let filled = 0;
      const values = column.values.map((value) => {
        if (!Number.isNaN(value)) return value;
        filled += 1;
        return fill;
      });
      report.imputed[spec.name] = filled;
      return { ...column, values };
    }
    const fill = mostFrequentCode(column.codes, column.dictionary.length);
    let filled = 0;
    const codes = column.codes.map((code) => {
      if (code >= 0) return code;
      filled += 1;
      return fill;
    });
    report.imputed[spec.name] = filled;
    return { ...column, codes };
  });
  return { table: new DataTable(columns), report };
}
