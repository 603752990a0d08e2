import type { PredictionRecord } from '../predictionLog/PredictionRecord';
import { QueuedLogWriter } from '../predictionLog/QueuedLogWriter';
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
export class PostgresPredictionLogWriter extends QueuedLogWriter {
  /** Days whose partition this writer has made sure of. */
  private readonly days = new Set<string>();

  constructor(private readonly options: PostgresPredictionLogWriterOptions) {
    super(options.flushIntervalMs, options.onError);
  }

  protected async store(records: PredictionRecord[]): Promise<void> {
    try {
      await this.insert(records);
      this.stats.written += records.length;
    } catch (failure) {
      this.stats.lost += records.length;
      this.onError?.(failure as Error, records.length);
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
