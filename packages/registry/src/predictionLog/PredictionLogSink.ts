import type { PredictionRecord } from './PredictionRecord';

/** Counters the API exports to /metrics. */
export interface PredictionLogStats {
  queued: number;
  /** Rows stored (in the file log: whose whole line is on disk). */
  written: number;
  /** Rows that are not (a failed or short write, a refused record (`refusedRecord`), appended after close). */
  lost: number;
}

/**
 * What the API needs of a prediction log writer, the same on files
 * ({@link PredictionLogWriter}) and on PostgreSQL ({@link PostgresPredictionLogWriter}):
 * `append` queues without waiting or throwing; `flush` resolves once everything queued
 * before it is stored or counted lost; `close` stops the timer and flushes, and
 * appends after it are lost. Refused records (`refusedRecord`) and failed writes are
 * counted in `stats.lost` and reported to the writer's `onError(error, lostRows)`.
 */
export interface PredictionLogSink {
  readonly stats: PredictionLogStats;
  append(record: PredictionRecord): void;
  flush(): Promise<void>;
  close(): Promise<void>;
}
