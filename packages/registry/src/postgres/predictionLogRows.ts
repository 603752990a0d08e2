import type { PredictionRecord } from '../predictionLog/PredictionRecord';
import type { Queryable } from './Database';

/**
 * One statement inserts a whole flush: every column is one array parameter and
 * `unnest` turns them back into rows (ten parameters whatever the batch size, so no
 * parameter limit and one round trip). `binned` (text[] per row) travels as its array
 * literal, since unnest would flatten an array of arrays.
 */
export const INSERT_PREDICTIONS = `INSERT INTO prediction_log
  (logged_at, request_id, model_name, model_version, features, entity, binned, prediction, probability, latency_ms)
SELECT t, r, m, v, f, e, b::text[], p, pr, l
FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::int[], $5::jsonb[], $6::jsonb[], $7::text[],
            $8::jsonb[], $9::float8[], $10::float8[]) AS u(t, r, m, v, f, e, b, p, pr, l)`;

const arrayLiteral = (names: readonly string[]): string =>
  `{${names.map((name) => `"${name.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;

/** The ten column arrays of {@link INSERT_PREDICTIONS} for `records` (already checked by `refusedRecord`). */
export function predictionColumns(records: readonly PredictionRecord[]): unknown[][] {
  const n = records.length;
  const columns: unknown[][] = Array.from({ length: 10 }, () => new Array(n));
  for (let i = 0; i < n; i += 1) {
    const record = records[i];
    columns[0][i] = new Date(record.timestamp).toISOString();
    columns[1][i] = record.request_id;
    columns[2][i] = record.model_name;
    columns[3][i] = record.model_version;
    columns[4][i] = JSON.stringify(record.features);
    columns[5][i] = record.entity === undefined ? null : JSON.stringify(record.entity);
    columns[6][i] = record.binned === undefined ? null : arrayLiteral(record.binned);
    columns[7][i] = JSON.stringify(record.prediction);
    columns[8][i] = record.probability ?? null;
    columns[9][i] = record.latency_ms ?? null;
  }
  return columns;
}

/** The UTC days (`YYYY-MM-DD`) the records fall on: the partitions they need. */
export function recordDays(records: readonly PredictionRecord[]): Set<string> {
  const days = new Set<string>();
  for (const record of records) days.add(new Date(record.timestamp).toISOString().slice(0, 10));
  return days;
}

/** Creates the day's partition unless it exists (`prediction_log_partition`, safe with writers racing). */
export async function ensurePartition(db: Queryable, day: string): Promise<void> {
  await db.query('SELECT prediction_log_partition($1::date)', [day]);
}

/** The columns a reader selects, in the shape {@link recordFromRow} takes. */
export const RECORD_COLUMNS = `to_char(logged_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS timestamp,
  request_id, model_name, model_version, features, entity, binned, prediction, probability, latency_ms`;

/** One row of {@link RECORD_COLUMNS}. */
export interface PredictionRow {
  timestamp: string;
  request_id: string;
  model_name: string;
  model_version: number;
  features: PredictionRecord['features'];
  entity: PredictionRecord['entity'] | null;
  binned: string[] | null;
  prediction: number | string;
  probability: number | null;
  latency_ms: number | null;
}

/**
 * The record as the file log gives it back after `JSON.parse`: fields that were
 * absent stay absent (never `null` or `undefined`), the time as `toISOString` gives it.
 */
export function recordFromRow(row: PredictionRow): PredictionRecord {
  const record: PredictionRecord = {
    timestamp: row.timestamp,
    request_id: row.request_id,
    model_name: row.model_name,
    model_version: row.model_version,
    features: row.features,
    prediction: row.prediction,
  } as PredictionRecord;
  if (row.entity !== null) record.entity = row.entity;
  if (row.binned !== null) record.binned = row.binned;
  if (row.probability !== null) record.probability = row.probability;
  if (row.latency_ms !== null) record.latency_ms = row.latency_ms;
  return record;
}
