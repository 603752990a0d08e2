import type { PredictionLogSink, PredictionLogStats } from './PredictionLogSink';
import type { PredictionRecord } from './PredictionRecord';
import { partitionRefused } from './refusedRecord';

/**
 * The queue both prediction log writers share, so their `append`/`flush`/`close`
 * semantics cannot drift apart: records queue off the request path, a timer (or
 * `flush()`) hands the queue to {@link QueuedLogWriter.store} one flush at a time, in
 * order, and records `refusedRecord` refuses are counted lost and reported before any
 * reach the store. `close()` stops the timer and flushes; appends after it are lost.
 */
export abstract class QueuedLogWriter implements PredictionLogSink {
  private queue: PredictionRecord[] = [];
  private readonly timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private closed = false;
  readonly stats: PredictionLogStats = { queued: 0, written: 0, lost: 0 };

  protected constructor(
    flushIntervalMs: number | undefined,
    protected readonly onError: ((error: Error, lostRows: number) => void) | undefined,
  ) {
    const interval = flushIntervalMs ?? 1000;
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

  /** Writes everything queued so far; resolves when it is stored (or counted as lost). */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.writeQueued());
    return this.flushing;
  }

  /** Stops the timer and flushes what is left. Appends after close are counted as lost. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.flush();
  }

  /**
   * Stores one flush of accepted records, adding to `stats.written` and `stats.lost` and
   * telling `onError` about what it could not store; never rejects.
   */
  protected abstract store(records: PredictionRecord[]): Promise<void>;

  private async writeQueued(): Promise<void> {
    if (this.queue.length === 0) return;
    const { accepted, refused, error } = partitionRefused(this.queue);
    this.queue = [];
    this.stats.queued = 0;
    if (error) {
      this.stats.lost += refused;
      this.onError?.(error, refused);
    }
    if (accepted.length > 0) await this.store(accepted);
  }
}
