import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, rm } from 'node:fs/promises';
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
  segment: string;
  entry: FoldCacheEntry;
}

/** Which cache folder a fold configuration uses: a change of version, reference or features is another one. */
export function foldCacheKey(config: FoldConfig): string {
  return createHash('sha256')
    .update(JSON.stringify({ format: FOLD_CACHE_FORMAT, ...config }))
    .digest('hex')
    .slice(0, 24);
}

/**
 * The cache folder of `key` in a model's log folder: one file per segment
 * (`<segment>.json`), so a tick rewrites only the entries of segments that grew.
 */
export function foldCachePath(modelDir: string, key: string): string {
  return join(modelDir, FOLD_CACHE_DIR, key);
}

/** A segment's cached entry, or none when it is missing, corrupt, of another format or key: then it is rebuilt. */
export async function readFoldCacheEntry(
  dir: string,
  key: string,
  segment: string,
): Promise<FoldCacheEntry | undefined> {
  try {
    const file = JSON.parse(await readFile(join(dir, `${segment}.json`), 'utf8')) as FoldCacheFile;
    if (file?.format !== FOLD_CACHE_FORMAT || file.key !== key || file.segment !== segment) return undefined;
    return file.entry ?? undefined;
  } catch {
    return undefined;
  }
}

/** Writes a segment's entry (temp name + rename, so a reader never sees half a file); a failed write only costs the next tick a re-read. */
export async function writeFoldCacheEntry(
  dir: string,
  key: string,
  segment: string,
  entry: FoldCacheEntry,
): Promise<void> {
  const file: FoldCacheFile = { format: FOLD_CACHE_FORMAT, key, segment, entry };
  try {
    await mkdir(dir, { recursive: true });
    await writeFileAtomic(join(dir, `${segment}.json`), JSON.stringify(file));
  } catch {
    // a read-only log volume: the check still runs, from the segments
  }
}

/** Removes the entries of segments that are no longer in the log (pruned). */
export async function pruneFoldCache(dir: string, segments: ReadonlySet<string>): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (name.endsWith('.json') && !segments.has(name.slice(0, -'.json'.length)))
      await rm(join(dir, name), { force: true }).catch(() => undefined);
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
