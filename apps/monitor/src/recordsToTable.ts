import type { BaselineProfile } from '@mlops/features';
import { type Column, categoricalColumn, DataTable, numericColumn } from '@mlops/features';
import type { PredictionRecord } from '@mlops/registry';

/**
 * Turns logged predictions into a table of the profiled features, typed as the
 * baseline profile types them. A value of the wrong type counts as missing.
 */
export function recordsToTable(records: readonly PredictionRecord[], profile: BaselineProfile): DataTable {
  const columns: Column[] = [];
  for (const [name, column] of Object.entries(profile.columns)) {
    if (!records.some((record) => name in record.features)) continue; // e.g. a sensitive field not logged
    if (column.kind === 'numeric') {
      columns.push(
        numericColumn(
          name,
          records.map((record) => {
            const value = record.features[name];
            return typeof value === 'number' ? value : null;
          }),
        ),
      );
    } else {
      columns.push(
        categoricalColumn(
          name,
          records.map((record) => {
            const value = record.features[name];
            return value === null || value === undefined ? null : String(value);
          }),
        ),
      );
    }
  }
  return new DataTable(columns);
}
