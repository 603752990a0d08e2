import type { PredictionRecord } from '@mlops/registry';

/** Which logged predictions a check looks at: the last stretch of time, or the last N rows. */
export type WindowSpec =
  | { kind: 'time'; ms: number; label: string }
  | { kind: 'rows'; rows: number; label: string };

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Parses `--window`: `30m`, `1h`, `1d`, `7d` (a stretch of time) or a plain
 * integer (the last N predictions). Returns undefined for a bad value.
 */
export function parseWindow(value: string): WindowSpec | undefined {
  const time = /^(\d+)([mhd])$/.exec(value.trim());
  if (time && Number(time[1]) > 0)
    return { kind: 'time', ms: Number(time[1]) * UNITS[time[2]], label: value };
  const rows = /^(\d+)(?:\s*rows?)?$/.exec(value.trim());
  if (rows && Number(rows[1]) > 0) return { kind: 'rows', rows: Number(rows[1]), label: `${rows[1]} rows` };
  return undefined;
}

/**
 * The records of a window. A time window ends at the newest logged prediction
 * (not at "now"), so a check of an idle service still judges its last traffic,
 * and the same log always gives the same report. Records are in time order.
 */
export function selectWindow(
  records: readonly PredictionRecord[],
  window?: WindowSpec,
): readonly PredictionRecord[] {
  if (!window || records.length === 0) return records;
  if (window.kind === 'rows') return records.slice(Math.max(0, records.length - window.rows));
  const end = Date.parse(records[records.length - 1].timestamp);
  const from = new Date(end - window.ms).toISOString();
  let low = 0;
  let high = records.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (records[mid].timestamp < from) low = mid + 1;
    else high = mid;
  }
  return records.slice(low);
}
