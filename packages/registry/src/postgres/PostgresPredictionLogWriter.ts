import type { PredictionLogSink, PredictionLogStats } from '../predictionLog/PredictionLogSink';
import type { PredictionRecord } from '../predictionLog/PredictionRecord';
import { partitionRefused } from '../predictionLog/refusedRecord';
import type { Database } from './Database';
import { COPY_PREDICTIONS, ensurePartition, predictionCopyText, recordDays } from './predictionLogRows';

/** Options of {@link PostgresPredictionLogWriter}. */
export interface PostgresPredictionLogWriterOptions {
  /** The migrated database (`migrate(db)` first). */
  db: Database;
  /**
   * How often queued records are written. `0` turns the timer off: records are
   * written only by {@link PostgresPredictionLogWriter.flush} and on close. @default 1000
   */
  flushIntervalMs?: number;
  /** Called when a flush fails or refuses records, with the rows of that flush that are not stored. */
  onError?: (error: Error, lostRows: number) => void;
}

// "no partition of relation found for row": the day's partition was dropped (prune) since this writer made it.
const NO_PARTITION = '23514';

/**
 * {@link PredictionLogWriter}'s contract on PostgreSQL: buffers records off the request
 * path and inserts each flush as one `COPY … FROM STDIN` (text format; one statement: all of a flush's rows
 * are stored, or none and they are counted lost) into `prediction_log`, creating the
 * day partitions it needs first. Records that `refusedRecord` refuses (what the reader
 * would skip, a bad model name…) are counted lost and reported, never sent, so they
 * cannot fail the rest of the batch. `append` never throws and never waits; close flushes.
 */
export class PostgresPredictionLogWriter implements PredictionLogSink {
  private queue: PredictionRecord[] = [];
  private readonly timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private closed = false;
  /** Days whose partition this writer has made sure of. */
  private readonly days = new Set<string>();
  readonly stats: PredictionLogStats = { queued: 0, written: 0, lost: 0 };

  constructor(private readonly options: PostgresPredictionLogWriterOptions) {
    const interval = options.flushIntervalMs ?? 1000;
    if (!(interval >= 0))
      throw new RangeError(`flushIntervalMs must be 0 (no timer) or a positive number, got ${interval}`);
    if (interval > 0) {
      this.timer = setInterval(() => void this.flush(), interval);
      this.timer.unref();
    }
  }

  /** Queues one record; never blocks and never throws. */
  append(record: PredictionRecord): void {
    if (this.closed) {
      this.stats.lost += 1;
      return;
    }
    this.queue.push(record);
    this.stats.queued = this.queue.length;
  }

  /** Writes everything queued so far; resolves when it is committed (or counted as lost). */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.writeQueued());
    return this.flushing;
  }

  /** Stops the timer and flushes what is left (the database stays open: it is the caller's). Appends after close are lost. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.flush();
  }

  private async writeQueued(): Promise<void> {
    if (this.queue.length === 0) return;
    const { accepted, refused, error } = partitionRefused(this.queue);
    this.queue = [];
    this.stats.queued = 0;
    if (error) {
      this.stats.lost += refused;
      this.options.onError?.(error, refused);
    }
    if (accepted.length === 0) return;
    try {
      await this.insert(accepted);
      this.stats.written += accepted.length;
    } catch (failure) {
      this.stats.lost += accepted.length;
      this.options.onError?.(failure as Error, accepted.length);
    }
  }

  private async insert(records: PredictionRecord[]): Promise<void> {
    const { db } = this.options;
    const days = recordDays(records);
    for (const day of days) {
      if (this.days.has(day)) continue;
      await ensurePartition(db, day);
      this.days.add(day);
    }
    const text = predictionCopyText(records);
    try {
      await db.copyFrom(COPY_PREDICTIONS, text);
    } catch (error) {
      if ((error as { code?: string }).code !== NO_PARTITION) throw error;
      // A partition this writer knew was pruned meanwhile: make sure of every day again, once.
      for (const day of days) await ensurePartition(db, day);
      await db.copyFrom(COPY_PREDICTIONS, text);
    }
  }
}
