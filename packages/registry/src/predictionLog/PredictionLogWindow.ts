import type { SkippedLogLine } from './logSegments';
import type { PredictionRecord } from './PredictionRecord';

/** A stretch of one model's log: `from` ≤ time < `to`, of one version or of all. */
export interface PredictionLogWindow {
  model: string;
  /** Records at or after this time. @default the log's start */
  from?: Date;
  /** Records before this time. @default no end */
  to?: Date;
  /** Only this model version. @default every version */
  version?: number;
  /**
   * Only the newest this many records of the window (the monitor's "last N rows"), given
   * oldest first; held in memory, so N is the bound. @default every record of the window
   */
  newest?: number;
}

/** What {@link PredictionLogWindows.readWindow} calls per record, and per line it skipped (the file log only). */
export interface ReadWindowOptions {
  onRecord: (record: PredictionRecord) => void;
  /** A line of the file log that is not a record (a PostgreSQL log never has one: its writer refuses them). */
  onSkip?: (skipped: SkippedLogLine) => void;
}

/** What one window read covered. */
export interface WindowRead {
  records: number;
  skipped: number;
}

/** What {@link PredictionLogWindows.prune} removed. */
export interface PruneResult {
  /** The partitions (`prediction_log_20261101`) or segments (`churn/<segment>.jsonl`) removed, in order. */
  removed: string[];
}

/**
 * The monitor's side of a prediction log, the same on files ({@link PredictionLogReader})
 * and on PostgreSQL ({@link PostgresPredictionLogReader}): stream a window in bounded
 * memory, and drop what is older than a cutoff in whole units (day partitions, writer
 * segments), never a record at or after it.
 */
export interface PredictionLogWindows {
  /**
   * Calls `onRecord` once per record of the window, in bounded memory. PostgreSQL gives them
   * in time order; the file log segment by segment (each in the order its writer appended),
   * except with `newest`, where both give them in time order.
   * A model name that breaks the name rule is `bad-name`.
   */
  readWindow(window: PredictionLogWindow, options: ReadWindowOptions): Promise<WindowRead>;
  /**
   * Removes the units of the log (every model's) holding only records older than
   * `olderThan`: PostgreSQL drops each day partition that ends at or before it, the file
   * log each segment whose newest record is before it. Returns what it removed.
   */
  prune(options: { olderThan: Date }): Promise<PruneResult>;
}
