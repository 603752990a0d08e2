import { readdir, stat, unlink } from 'node:fs/promises';
import { RegistryError } from '../errors';
import { isModelName } from '../names/modelName';
import { checkNewest } from './checkNewest';
import type { LogSegment, ReadSegmentOptions, SegmentRead } from './logSegments';
import type { PredictionLogWindow, PruneResult, ReadWindowOptions, WindowRead } from './PredictionLogWindow';
import type { PredictionRecord } from './PredictionRecord';

/** What the window functions need of {@link PredictionLogReader} (an interface, so the two files do not import each other). */
export interface SegmentSource {
  readonly dir: string;
  segments(model: string): Promise<LogSegment[]>;
  readSegment(segment: LogSegment, options: ReadSegmentOptions): Promise<SegmentRead>;
}

/** {@link PredictionLogReader.readWindow}: every segment of the model streamed, the window's records passed on. */
export async function readFileWindow(
  reader: SegmentSource,
  window: PredictionLogWindow,
  options: ReadWindowOptions,
): Promise<WindowRead> {
  const from = window.from?.getTime() ?? Number.NEGATIVE_INFINITY;
  const to = window.to?.getTime() ?? Number.POSITIVE_INFINITY;
  if (Number.isNaN(from) || Number.isNaN(to)) throw new RangeError('from and to must be valid Dates');
  const newest = window.newest;
  if (newest !== undefined) checkNewest(newest);
  // With `newest`: the newest N so far, kept to at most 2N between trims (memory bounded by N).
  let kept: Array<{ time: number; record: PredictionRecord }> = [];
  const trim = () => {
    kept.sort((a, b) => b.time - a.time);
    kept.length = Math.min(kept.length, newest ?? kept.length);
  };
  let records = 0;
  let skipped = 0;
  for (const segment of await reader.segments(window.model)) {
    await reader.readSegment(segment, {
      onRecord: (record) => {
        if (window.version !== undefined && record.model_version !== window.version) return;
        const time = Date.parse(record.timestamp);
        if (time < from || time >= to) return;
        if (newest !== undefined) {
          kept.push({ time, record });
          if (kept.length >= 2 * newest) trim();
          return;
        }
        records += 1;
        options.onRecord(record);
      },
      onSkip: (line) => {
        skipped += 1;
        options.onSkip?.(line);
      },
    });
  }
  if (newest !== undefined) {
    trim();
    kept = kept.reverse();
    for (const { record } of kept) options.onRecord(record);
    records = kept.length;
  }
  return { records, skipped };
}

/**
 * {@link PredictionLogReader.prune}: a segment goes when its newest record is older than the
 * cutoff (and it has one). It is read whole to know that, then removed only if its size has
 * not changed since, so a segment a writer is still appending to is kept.
 */
export async function pruneFileLog(reader: SegmentSource, olderThan: Date): Promise<PruneResult> {
  const cutoff = olderThan.getTime();
  if (Number.isNaN(cutoff)) throw new RangeError('olderThan must be a valid Date');
  let models: string[];
  try {
    models = (await readdir(reader.dir)).filter(isModelName).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { removed: [] };
    throw new RegistryError(
      'storage',
      `cannot list the prediction log ${reader.dir}: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  const removed: string[] = [];
  for (const model of models) {
    for (const segment of await reader.segments(model)) {
      let newest = Number.NEGATIVE_INFINITY;
      await reader.readSegment(segment, {
        onRecord: (record) => {
          newest = Math.max(newest, Date.parse(record.timestamp));
        },
        onSkip: () => undefined,
      });
      if (!(newest > Number.NEGATIVE_INFINITY && newest < cutoff)) continue;
      try {
        if ((await stat(segment.path)).size !== segment.size) continue;
        await unlink(segment.path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw new RegistryError(
          'storage',
          `cannot remove prediction log segment ${segment.path}: ${(error as Error).message}`,
          {
            cause: error,
          },
        );
      }
      removed.push(`${model}/${segment.name}`);
    }
  }
  return { removed };
}
