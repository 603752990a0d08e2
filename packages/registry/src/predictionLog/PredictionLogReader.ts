import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { RegistryError } from '../errors';
import { checkModelName } from '../names/modelName';
import { pathUnder } from '../names/pathUnder';
import { pruneFileLog, readFileWindow } from './fileWindows';

export type { LogSegment, ReadSegmentOptions, SegmentRead, SkippedLogLine } from './logSegments';

import type { LogSegment, ReadSegmentOptions, SegmentRead } from './logSegments';
import type {
  PredictionLogWindow,
  PredictionLogWindows,
  PruneResult,
  ReadWindowOptions,
  WindowRead,
} from './PredictionLogWindow';
import type { PredictionRecord } from './PredictionRecord';
import { predictionRecordProblem } from './predictionRecordProblem';

const NEWLINE = 0x0a;

/**
 * The streaming side of the prediction log's format (the writer is
 * {@link PredictionLogWriter}): lists a model's segments and reads one segment
 * from a byte offset line by line, in bounded memory, so a monitor can fold a
 * log of any size and, on the next tick, read only what was appended. A line
 * that does not parse or is not a record ({@link predictionRecordProblem}) is
 * passed to `onSkip`, never thrown. `bytesRead` counts every byte read from
 * disk by this reader, so callers can prove what a tick read.
 */
export class PredictionLogReader implements PredictionLogWindows {
  /** Bytes read from segment files by this reader so far. */
  bytesRead = 0;

  constructor(
    /** The log's root folder (`<MLOPS_HOME>/predictions`). */
    readonly dir: string,
  ) {}

  /** The model's folder under the log's root (the model name passes `checkModelName`, else `bad-name`). */
  modelDir(model: string): string {
    checkModelName(model);
    return pathUnder(this.dir, model);
  }

  /** The model's segments in name order (none when it has no log yet); a folder that cannot be listed is a `storage` error. */
  async segments(model: string): Promise<LogSegment[]> {
    const dir = this.modelDir(model);
    let names: string[];
    try {
      names = (await readdir(dir)).filter((name) => name.endsWith('.jsonl')).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new RegistryError(
        'storage',
        `cannot list the prediction log of '${model}' (${dir}): ${(error as Error).message}`,
        { cause: error },
      );
    }
    const segments: LogSegment[] = [];
    for (const name of names) {
      const path = pathUnder(dir, name);
      try {
        segments.push({ name, path, size: (await stat(path)).size });
      } catch (error) {
        // pruned between the listing and now: it is no longer part of the log
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw storageError(path, error);
      }
    }
    return segments;
  }

  /** The records of a window, segment by segment ({@link PredictionLogWindows.readWindow}). */
  readWindow(window: PredictionLogWindow, options: ReadWindowOptions): Promise<WindowRead> {
    return readFileWindow(this, window, options);
  }

  /** Removes every model's segments whose newest record is older than `olderThan` ({@link PredictionLogWindows.prune}). */
  prune(options: { olderThan: Date }): Promise<PruneResult> {
    return pruneFileLog(this, options.olderThan);
  }

  /** Reads `segment` from `options.from` to its current end; a segment that cannot be read is a `storage` error naming it. */
  async readSegment(segment: LogSegment, options: ReadSegmentOptions): Promise<SegmentRead> {
    const from = options.from ?? 0;
    let line = options.linesBefore ?? 0;
    let end = from;
    let offset = from;
    let pending: Buffer[] = [];
    const handle = (bytes: Buffer, tail: boolean) => {
      line += 1;
      if (bytes.length === 0) return;
      let value: unknown;
      try {
        value = JSON.parse(bytes.toString('utf8'));
      } catch {
        const reason = tail
          ? 'not valid JSON, and the last line has no end (a writer stopped mid-line)'
          : 'not valid JSON';
        options.onSkip({ segment: segment.name, line, reason }, tail);
        return;
      }
      const problem = predictionRecordProblem(value);
      if (problem) options.onSkip({ segment: segment.name, line, reason: problem }, tail);
      else options.onRecord(value as PredictionRecord, tail);
    };
    try {
      const stream = createReadStream(segment.path, { start: from, highWaterMark: 1 << 20 });
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        this.bytesRead += chunk.length;
        let start = 0;
        for (let i = chunk.indexOf(NEWLINE); i !== -1; i = chunk.indexOf(NEWLINE, i + 1)) {
          const piece = chunk.subarray(start, i);
          const bytes = pending.length ? Buffer.concat([...pending, piece]) : piece;
          pending = [];
          handle(bytes, false);
          end = offset + i + 1;
          start = i + 1;
        }
        if (start < chunk.length) pending.push(chunk.subarray(start));
        offset += chunk.length;
      }
    } catch (error) {
      throw storageError(segment.path, error);
    }
    const whole = line;
    if (pending.length) {
      handle(Buffer.concat(pending), true);
    }
    return { end, lines: whole };
  }
}

function storageError(path: string, error: unknown): RegistryError {
  return new RegistryError(
    'storage',
    `cannot read prediction log segment ${path}: ${(error as Error).message}`,
    { cause: error },
  );
}
