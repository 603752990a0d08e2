import type { PredictionRecord } from '../predictionLog/PredictionRecord';
import type { Queryable } from './Database';

/**
 * The multi-row INSERT alternative to {@link COPY_PREDICTIONS}, not used by the writer:
 * kept so `bench:store` measures one against the other. The batch travels as one JSON
 * array parameter that `jsonb_to_recordset` turns back into rows; it beat `unnest` of ten
 * array parameters here (10,000 rows: 336-388 ms against 383-530 ms, most of it parsing
 * the arrays), and COPY beats both (BENCHMARKS.md).
 */
export const INSERT_PREDICTIONS = `INSERT INTO prediction_log
  (logged_at, request_id, model_name, model_version, features, entity, binned, prediction, probability, latency_ms, role)
SELECT t, r, m, v, f, e, b, p, pr, l, ro
FROM jsonb_to_recordset($1::jsonb) AS u(t timestamptz, r text, m text, v int, f json, e json, b text[],
                                       p json, pr float8, l float8, ro text)`;

/** The one parameter of {@link INSERT_PREDICTIONS} for `records` (already checked by `refusedRecord`). */
export function predictionBatch(records: readonly PredictionRecord[]): string {
  return JSON.stringify(
    records.map((record) => ({
      t: isoTime(record.timestamp),
      r: record.request_id,
      m: record.model_name,
      v: record.model_version,
      f: record.features,
      e: record.entity,
      b: record.binned,
      p: record.prediction,
      pr: record.probability,
      l: record.latency_ms,
      ro: record.role,
    })),
  );
}

/** The COPY statement of {@link predictionCopyText}'s rows (PostgreSQL's text format: tab-separated, `\\N` is NULL). */
export const COPY_PREDICTIONS = `COPY prediction_log
  (logged_at, request_id, model_name, model_version, features, entity, binned, prediction, probability, latency_ms, role)
  FROM STDIN`;

// What the text format must escape in a field; most fields hold none of it, and are passed as they are.
const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const field = (text: string): string =>
  SPECIAL.test(text) ? text.replace(SPECIALS, (c) => ESCAPES[c]) : text;
// JSON.stringify writes control characters as escapes: only its backslashes need doubling.
const json = (value: unknown): string => {
  const text = JSON.stringify(value);
  return text.includes('\\') ? text.replace(/\\/g, '\\\\') : text;
};
const arrayLiteral = (names: readonly string[]): string =>
  `{${names.map((name) => `"${name.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;

/**
 * The time as PostgreSQL reads it. The API's own `toISOString` form is passed as it is
 * (no Date per record) when its day is at most 28 and its hour at most 23; anything else
 * goes through Date, which is lenient where PostgreSQL is not (`2026-02-30` is March 2).
 */
export function isoTime(timestamp: string): string {
  const canonical = CANONICAL.exec(timestamp);
  return canonical && canonical[1] <= '28' && canonical[2] <= '23'
    ? timestamp
    : new Date(timestamp).toISOString();
}
const CANONICAL = /^\d{4}-\d{2}-(\d{2})T(\d{2}):\d{2}:\d{2}\.\d{3}Z$/;

/**
 * `records` (already checked by `refusedRecord`) as the input of {@link COPY_PREDICTIONS}:
 * one line per record, numbers as JavaScript writes them (the shortest form that reads
 * back as the same double), absent fields NULL.
 */
export function predictionCopyText(records: readonly PredictionRecord[]): string {
  let text = '';
  for (const r of records) {
    text += `${isoTime(r.timestamp)}\t${field(r.request_id)}\t${r.model_name}\t${r.model_version}\t${json(r.features)}\t${r.entity === undefined ? '\\N' : json(r.entity)}\t${r.binned === undefined ? '\\N' : field(arrayLiteral(r.binned))}\t${json(r.prediction)}\t${r.probability ?? '\\N'}\t${r.latency_ms ?? '\\N'}\t${r.role ?? '\\N'}\n`;
  }
  return text;
}

/** The UTC days (`YYYY-MM-DD`) the records fall on: the partitions they need. */
export function recordDays(records: readonly PredictionRecord[]): Set<string> {
  const days = new Set<string>();
  for (const record of records) days.add(isoTime(record.timestamp).slice(0, 10));
  return days;
}

/** Creates the day's partition unless it exists (`prediction_log_partition`, safe with writers racing). */
export async function ensurePartition(db: Queryable, day: string): Promise<void> {
  await db.query('SELECT prediction_log_partition($1::date)', [day]);
}

/** The columns a reader selects, in the shape {@link recordFromRow} takes. */
export const RECORD_COLUMNS = `to_char(logged_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS timestamp,
  request_id, model_name, model_version, features, entity, binned, prediction, probability, latency_ms, role`;

/** The names {@link RECORD_COLUMNS} gives its columns, for a query over a subquery of them. */
export const RECORD_NAMES =
  'timestamp, request_id, model_name, model_version, features, entity, binned, prediction, probability, latency_ms, role';

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
  role: PredictionRecord['role'] | null;
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
  if (row.role !== null) record.role = row.role;
  return record;
}
