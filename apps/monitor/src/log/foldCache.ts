import { createHash } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '@mlops/features';
import type { LogSegment, PredictionLogReader, SkippedLogLine } from '@mlops/registry';
import type { LogFold } from './LogFold';
import type { FoldConfig } from './LogFolder';

/** Bumped when {@link LogFold} or the entry changes shape: older cache files are then ignored and rebuilt. */
export const FOLD_CACHE_FORMAT = 1;

/** The folder beside a model's segments where folds are cached (the log's reader lists only `*.jsonl`). */
export const FOLD_CACHE_DIR = '.monitor-cache';

/** One segment's cached fold: of its whole lines up to `size` bytes. */
export interface FoldCacheEntry {
  size: number;
  lines: number;
  /** sha256 of the (up to) 256 bytes before `size`: a segment rewritten under the same name does not match. */
  tail: string;
  fold: LogFold;
  skipped: { count: number; first: SkippedLogLine[] };
}

interface FoldCacheFile {
  format: number;
  key: string;
  segments: Record<string, FoldCacheEntry>;
}

/** Which cache file a fold configuration uses: a change of version, reference or features is another file. */
export function foldCacheKey(config: FoldConfig): string {
  return createHash('sha256')
    .update(JSON.stringify({ format: FOLD_CACHE_FORMAT, ...config }))
    .digest('hex')
    .slice(0, 24);
}

/** The cache file of `key` in a model's log folder. */
export function foldCachePath(modelDir: string, key: string): string {
  return join(modelDir, FOLD_CACHE_DIR, `${key}.json`);
}

/** The cached entries, or none when the file is missing, corrupt, of another format or another key: then it is rebuilt. */
export async function readFoldCache(path: string, key: string): Promise<Record<string, FoldCacheEntry>> {
  try {
    const file = JSON.parse(await readFile(path, 'utf8')) as FoldCacheFile;
    if (file?.format !== FOLD_CACHE_FORMAT || file.key !== key || typeof file.segments !== 'object')
      return {};
    return file.segments ?? {};
  } catch {
    return {};
  }
}

/** Writes the entries (temp name + rename, so a reader never sees half a file); a failed write only costs the next tick a re-read. */
export async function writeFoldCache(
  path: string,
  key: string,
  segments: Record<string, FoldCacheEntry>,
): Promise<void> {
  const file: FoldCacheFile = { format: FOLD_CACHE_FORMAT, key, segments };
  try {
    await mkdir(join(path, '..'), { recursive: true });
    await writeFileAtomic(path, JSON.stringify(file));
  } catch {
    // a read-only log volume: the check still runs, from the segments
  }
}

/**
 * sha256 of the bytes of `segment` in [max(0, end − 256), end): the fingerprint
 * of a cached prefix. The bytes count in the reader's `bytesRead`.
 */
export async function prefixTail(
  reader: PredictionLogReader,
  segment: LogSegment,
  end: number,
): Promise<string> {
  const start = Math.max(0, end - 256);
  const buffer = Buffer.alloc(end - start);
  const file = await open(segment.path, 'r');
  try {
    await file.read(buffer, 0, buffer.length, start);
    reader.bytesRead += buffer.length;
  } finally {
    await file.close();
  }
  return createHash('sha256').update(buffer).digest('hex');
}

/** Whether a cached entry still describes the start of `segment`: it is as long or longer, and ends as the entry did. */
export async function entryFits(
  reader: PredictionLogReader,
  entry: FoldCacheEntry | undefined,
  segment: LogSegment,
): Promise<boolean> {
  if (!entry || typeof entry.size !== 'number' || entry.size > segment.size || !entry.fold) return false;
  try {
    return (await prefixTail(reader, segment, entry.size)) === entry.tail;
  } catch {
    return false;
  }
}
