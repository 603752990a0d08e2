import type { BaselineProfile, ColumnProfile } from '@mlops/features';
import { type Column, categoricalColumn, DataTable } from '@mlops/features';
import type { PredictionRecord } from '@mlops/registry';

/** Name of the column holding the model's output when {@link recordsToTable} adds it. */
export const PREDICTION_COLUMN = '__prediction__';

/**
 * Turns logged predictions into a table of the profiled features, typed as the
 * baseline profile types them. A value of the wrong type counts as missing.
 * With `prediction`, the model's output is added as {@link PREDICTION_COLUMN},
 * typed like the target's profile, for prediction drift.
 */
export function recordsToTable(
  records: readonly PredictionRecord[],
  profile: BaselineProfile,
  options: { prediction?: ColumnProfile } = {},
): DataTable {
  const columns: Column[] = [];
  for (const [name, column] of Object.entries(profile.columns)) {
    if (!records.some((record) => name in record.features)) continue; // e.g. a sensitive field not logged
    columns.push(toColumn(name, column.kind, (record) => record.features[name], records));
  }
  if (options.prediction) {
    columns.push(
      toColumn(PREDICTION_COLUMN, options.prediction.kind, (record) => record.prediction, records),
    );
  }
  return new DataTable(columns);
}

function toColumn(
  name: string,
  kind: 'numeric' | 'categorical',
  get: (record: PredictionRecord) => unknown,
  records: readonly PredictionRecord[],
): Column {
  if (kind === 'numeric') {
    const values = new Float64Array(records.length);
    for (let i = 0; i < records.length; i += 1) {
      const value = get(records[i]);
      values[i] = typeof value === 'number' ? value : Number.NaN;
    }
    return { kind: 'numeric', name, values };
  }
  return categoricalColumn(
    name,
    records.map((record) => {
      const value = get(record);
      return value === null || value === undefined ? null : String(value);
    }),
  );
}
