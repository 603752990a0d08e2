import type { BaselineProfile, ColumnProfile } from '@mlops/features';
import { type Column, categoricalColumn, DataTable } from '@mlops/features';
import type { PredictionRecord } from '@mlops/registry';

/** Name of the column holding the model's output when {@link recordsToTable} adds it. */
export const PREDICTION_COLUMN = '__prediction__';
/** Name of the column holding the logged probability when {@link recordsToTable} adds it. */
export const PROBABILITY_COLUMN = '__probability__';

/** Options of {@link recordsToTable}. */
export interface RecordsToTableOptions {
  /** Profiled features to include. @default every profiled column some record holds */
  columns?: readonly string[];
  /** Features logged as reference-bin indices: a record that does not list one in `binned` has it missing. */
  binned?: readonly string[];
  /** Adds the model's output as {@link PREDICTION_COLUMN}, typed like this profile. */
  prediction?: ColumnProfile;
  /** Adds the logged probability as {@link PROBABILITY_COLUMN}. */
  probability?: boolean;
}

/**
 * Turns logged predictions into a table of the profiled features, typed as the
 * baseline profile types them. A value of the wrong type (a hash where a number
 * belongs) counts as missing; a binned feature holds its bin index. With
 * `prediction` and `probability`, the model's outputs are added for prediction drift.
 */
export function recordsToTable(
  records: readonly PredictionRecord[],
  profile: BaselineProfile,
  options: RecordsToTableOptions = {},
): DataTable {
  const columns: Column[] = [];
  const binned = new Set(options.binned ?? []);
  const names =
    options.columns ??
    Object.keys(profile.columns).filter((name) => records.some((record) => name in record.features));
  for (const name of names) {
    const column = profile.columns[name];
    if (!column) continue;
    const get = binned.has(name)
      ? (record: PredictionRecord) => (record.binned?.includes(name) ? record.features[name] : null)
      : (record: PredictionRecord) => record.features[name];
    columns.push(toColumn(name, column.kind, get, records));
  }
  if (options.prediction) {
    columns.push(
      toColumn(PREDICTION_COLUMN, options.prediction.kind, (record) => record.prediction, records),
    );
  }
  if (options.probability) {
    columns.push(toColumn(PROBABILITY_COLUMN, 'numeric', (record) => record.probability, records));
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
