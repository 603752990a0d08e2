import { randomUUID } from 'node:crypto';
import { appendFile, mkdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { checkModelName } from '../names/modelName';
import { pathUnder } from '../names/pathUnder';
import type { PredictionRecord } from './PredictionRecord';

/** Options of {@link PredictionLogWriter}. */
export interface PredictionLogWriterOptions {
  /** The log's root folder (`<MLOPS_HOME>/predictions`). */
  dir: string;
  /**
   * How often queued records are written. `0` turns the timer off: records are
   * written only by {@link PredictionLogWriter.flush} and on close (tests that
   * assert the queue, embedders that flush on their own schedule). @default 1000
   */
  flushIntervalMs?: number;
  /** Start a new segment after this many bytes. @default 64 MiB */
  maxSegmentBytes?: number;
  /** Called when a flush fails; the rows of that flush are counted as lost. */
  onError?: (error: Error, lostRows: number) => void;
}

/** Counters the API exports to /metrics. */
export interface PredictionLogStats {
  queued: number;
  written: number;
  lost: number;
}

/**
 * Buffers prediction records off the request path and appends them as JSON lines
 * to this process's own segment files (`<dir>/<model>/<segment>.jsonl`), so several
 * API replicas can share one volume. Flushes every `flushIntervalMs` (1 s) and on close.
 * A failed write never throws into a request: its rows are counted as lost.
 */
export class PredictionLogWriter {
  private queue: PredictionRecord[] = [];
  private readonly timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private readonly segmentPrefix: string;
  private segmentIndex = 0;
  private segmentBytes = new Map<string, number>();
  private closed = false;
  readonly stats: PredictionLogStats = { queued: 0, written: 0, lost: 0 };

  constructor(private readonly options: PredictionLogWriterOptions) {
    const started = new Date().toISOString().replace(/[:.]/g, '-');
    this.segmentPrefix = `${started}_${hostname()}_${process.pid}_${randomUUID().slice(0, 8)}`;
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

  /** Writes everything queued so far; resolves when it is on disk (or counted as lost). */
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

  private async writeQueued(): Promise<void> {
    if (this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    this.stats.queued = 0;
    const byModel = new Map<string, string[]>();
    for (const record of batch) {
      let lines = byModel.get(record.model_name);
      if (!lines) {
        lines = [];
        byModel.set(record.model_name, lines);
      }
      lines.push(JSON.stringify(record));
    }
    for (const [model, lines] of byModel) {
      const text = `${lines.join('\n')}\n`;
      try {
        checkModelName(model);
        const dir = pathUnder(this.options.dir, model);
        await mkdir(dir, { recursive: true });
        const path = pathUnder(dir, this.segmentName(model, text.length));
        await appendFile(path, text);
        this.stats.written += lines.length;
      } catch (error) {
        this.stats.lost += lines.length;
        this.options.onError?.(error as Error, lines.length);
      }
    }
  }

  private segmentName(model: string, bytes: number): string {
    const key = `${model}#${this.segmentIndex}`;
    const used = this.segmentBytes.get(key) ?? 0;
    if (used > 0 && used + bytes > (this.options.maxSegmentBytes ?? 64 * 1024 * 1024)) {
      this.segmentIndex += 1;
      return this.segmentName(model, bytes);
    }
    this.segmentBytes.set(key, used + bytes);
    return `${this.segmentPrefix}_${String(this.segmentIndex).padStart(4, '0')}.jsonl`;
  }
}
