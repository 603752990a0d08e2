import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { RegistryError } from '../errors';
import { checkModelName } from '../names/modelName';
import { pathUnder } from '../names/pathUnder';

export type { PredictionLogStats } from './PredictionLogSink';

import type { PredictionRecord } from './PredictionRecord';
import { QueuedLogWriter } from './QueuedLogWriter';
import { nodeSegmentFiles, type SegmentFile, type SegmentFiles } from './segmentFiles';

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
  /** Called when a flush fails, with the rows of that flush that are not on disk. */
  onError?: (error: Error, lostRows: number) => void;
  /** The file layer (tests inject short writes and ENOSPC). @default nodeSegmentFiles */
  files?: SegmentFiles;
}

/** Where this writer is in one model's log: the current segment and the bytes of whole lines in it. */
interface SegmentState {
  index: number;
  size: number;
}

/**
 * Buffers prediction records off the request path and appends them as JSON lines
 * to this process's own segment files (`<dir>/<model>/<segment>.jsonl`), so several
 * API replicas can share one volume. Flushes every `flushIntervalMs` (1 s) and on close.
 * A failed write never throws into a request and never leaves a torn line: when a
 * write comes up short or fails (ENOSPC, EIO…), the segment is cut back to the end
 * of its last whole line, `written` counts the lines fully on disk and `lost` the
 * rest, and the next flush starts on a line boundary (in a new segment when the cut
 * itself failed).
 */
export class PredictionLogWriter extends QueuedLogWriter {
  private readonly segmentPrefix: string;
  private readonly segments = new Map<string, SegmentState>();
  private readonly files: SegmentFiles;

  constructor(private readonly options: PredictionLogWriterOptions) {
    super(options.flushIntervalMs, options.onError);
    const started = new Date().toISOString().replace(/[:.]/g, '-');
    this.segmentPrefix = `${started}_${hostname()}_${process.pid}_${randomUUID().slice(0, 8)}`;
    this.files = options.files ?? nodeSegmentFiles;
  }

  protected async store(accepted: PredictionRecord[]): Promise<void> {
    const byModel = new Map<string, Buffer[]>();
    for (const record of accepted) {
      let lines = byModel.get(record.model_name);
      if (!lines) {
        lines = [];
        byModel.set(record.model_name, lines);
      }
      lines.push(Buffer.from(`${JSON.stringify(record)}\n`));
    }
    for (const [model, lines] of byModel) {
      const whole = await this.writeLines(model, lines).catch((error: Error) => {
        this.options.onError?.(error, lines.length);
        return 0;
      });
      this.stats.written += whole;
      this.stats.lost += lines.length - whole;
    }
  }

  /** Appends `lines` to the model's segment; returns how many are whole on disk (reporting any failure). */
  private async writeLines(model: string, lines: Buffer[]): Promise<number> {
    checkModelName(model, "a record's model_name");
    const dir = pathUnder(this.options.dir, model);
    await this.files.mkdir(dir);
    const data = Buffer.concat(lines);
    const state = this.segments.get(model) ?? { index: 0, size: 0 };
    this.segments.set(model, state);
    if (state.size > 0 && state.size + data.length > (this.options.maxSegmentBytes ?? 64 * 1024 * 1024)) {
      state.index += 1;
      state.size = 0;
    }
    const file = await this.openClean(dir, state);
    let done = 0;
    let failure: Error | undefined;
    try {
      while (done < data.length) {
        const wrote = await file.append(data.subarray(done));
        if (!(wrote > 0)) {
          throw new RegistryError(
            'storage',
            `a write to the prediction log stored 0 of ${data.length - done} bytes`,
          );
        }
        done += wrote;
      }
    } catch (error) {
      failure = error as Error;
    }
    let whole = 0;
    let wholeBytes = 0;
    while (whole < lines.length && wholeBytes + lines[whole].length <= done) {
      wholeBytes += lines[whole].length;
      whole += 1;
    }
    // Part of a line landed: cut the segment back to the end of the last whole one (ftruncate).
    const clean =
      done === wholeBytes ||
      (await file.truncate(state.size + wholeBytes).then(
        () => true,
        () => false,
      ));
    await file.close().catch(() => undefined);
    if (clean) {
      state.size += wholeBytes;
    } else {
      // The torn tail stays in that segment (the reader skips and reports it); the next line starts a new one.
      state.index += 1;
      state.size = 0;
    }
    if (failure) this.options.onError?.(failure, lines.length - whole);
    return whole;
  }

  /** Opens the current segment and makes sure it ends where this writer's last whole line did. */
  private async openClean(dir: string, state: SegmentState): Promise<SegmentFile> {
    for (let attempt = 0; ; attempt += 1) {
      const file = await this.files.open(pathUnder(dir, this.segmentName(state.index)));
      try {
        const { size } = await file.stat();
        if (size === state.size) return file;
        if (size > state.size) {
          // A tail left by an earlier failed write whose cut failed too: cut it now.
          await file.truncate(state.size);
          return file;
        }
        if (size === 0) {
          state.size = 0; // the segment was removed (log prune): start it again
          return file;
        }
      } catch (error) {
        // neither readable nor cut back: go on in a new segment (twice at most, then give this flush up)
        if (attempt >= 2) {
          await file.close().catch(() => undefined);
          throw error;
        }
      }
      await file.close().catch(() => undefined);
      state.index += 1;
      state.size = 0;
    }
  }

  private segmentName(index: number): string {
    return `${this.segmentPrefix}_${String(index).padStart(4, '0')}.jsonl`;
  }
}
