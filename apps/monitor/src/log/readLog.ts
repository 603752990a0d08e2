import {
  type PredictionRecord,
  type ReadPredictionLogOptions,
  readPredictionLog,
  type SkippedLogLine,
} from '@mlops/registry';

export type { SkippedLogLine };

/** Log lines left out of a read: how many, and the first few with where they are. */
export interface SkippedLogLines {
  count: number;
  /** The first {@link ReadLogOptions.keep} of them, in segment and line order. */
  first: SkippedLogLine[];
}

/** Options of {@link readLog}. */
export interface ReadLogOptions extends ReadPredictionLogOptions {
  /** How many skipped lines are listed with their place. @default 20 */
  keep?: number;
}

/** What the monitor reads of a log: usable records in time order, and what it skipped. */
export interface MonitorLog {
  records: PredictionRecord[];
  skipped: SkippedLogLines;
}

/**
 * Reads one model's prediction log through the registry's reader, which owns the
 * format: torn, corrupt or mis-shaped lines are skipped and named by segment and
 * line there, never fatal; the monitor reports them as `{count, first}`.
 */
export async function readLog(options: ReadLogOptions): Promise<MonitorLog> {
  const keep = options.keep ?? 20;
  const log = await readPredictionLog({ ...options, maxSkippedListed: keep });
  return { records: log.records, skipped: { count: log.skippedLines, first: log.skipped.slice(0, keep) } };
}
