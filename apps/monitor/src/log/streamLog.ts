import {
  type LogSegment,
  PredictionLogReader,
  type PredictionRecord,
  type SkippedLogLine,
} from '@mlops/registry';
import type { WindowSpec } from '../check/timeWindow';
import {
  entryFits,
  type FoldCacheEntry,
  foldCacheKey,
  foldCachePath,
  prefixTail,
  pruneFoldCache,
  readFoldCacheEntry,
  writeFoldCacheEntry,
} from './foldCache';
import { emptyFold, type LogFold, mergeFolds, newestRecords } from './LogFold';
import { type FoldConfig, LogFolder } from './LogFolder';
import type { SkippedLogLines } from './readLog';

/** Options of {@link streamLog}. */
export interface StreamLogOptions {
  /** The log's root folder (`<MLOPS_HOME>/predictions`). */
  dir: string;
  model: string;
  config: FoldConfig;
  /** Only records at or after this time. */
  since?: Date;
  /** Only records before this time (a custom range's end), on top of `since` and `window`. @default no end */
  until?: Date;
  /**
   * The last stretch of time (ending at the newest record) or the last N records. A window
   * of N ≤ `config.recent` records comes from the folds' newest records alone. @default everything
   */
  window?: WindowSpec;
  /** How many skipped lines are listed with their place. @default 20 */
  keep?: number;
  /** Reuse and update the folds cached beside the log. @default true */
  cache?: boolean;
  /**
   * Called with every record of the window (of the configured version): labels to join,
   * values for an exact test. The window's segments are then read again, not taken from their folds.
   */
  visit?: (record: PredictionRecord) => void;
  /** The reader (its `bytesRead` counts what this read). @default a new one on `dir` */
  reader?: PredictionLogReader;
}

/** What {@link streamLog} folded. */
export interface StreamedLog {
  /** The fold of the window's records of the configured version. */
  fold: LogFold;
  skipped: SkippedLogLines;
  /** Records in the whole log, of every version and time. */
  logged: number;
  segments: number;
}

/** Skipped lines a cache entry lists: enough for any `keep` a user asks for. */
const LISTED = 100;

/** A segment as read for this check: its (cached) whole lines and the unfinished last line, if any. */
interface Part {
  segment: LogSegment;
  fold: LogFold;
  skipped: { count: number; first: SkippedLogLine[] };
}

/**
 * Folds one model's prediction log without holding it: every segment is
 * streamed through the registry's reader into a {@link LogFold}, or taken from
 * the fold cached beside the log for the bytes a previous check already read
 * (keyed by segment name and size, checked against the segment's bytes, so a
 * stale or corrupt cache is ignored and rebuilt). A watch tick therefore reads
 * only what was appended. `since` and `window` pick records exactly: segments
 * wholly inside the window come from their folds, those across its start are
 * read again with the bound. Malformed lines are skipped and counted, never fatal.
 */
export async function streamLog(options: StreamLogOptions): Promise<StreamedLog> {
  const reader = options.reader ?? new PredictionLogReader(options.dir);
  const keep = options.keep ?? 20;
  const segments = await reader.segments(options.model);
  const key = foldCacheKey(options.config);
  const path = foldCachePath(reader.modelDir(options.model), key);
  const useCache = options.cache !== false;
  const parts: Part[] = [];
  for (const segment of segments) {
    const known = useCache ? await readFoldCacheEntry(path, key, segment.name) : undefined;
    const entry = (await entryFits(reader, known, segment)) ? known : undefined;
    const { part, whole } = await readPart(reader, segment, entry, options.config);
    if (useCache && whole !== entry) await writeFoldCacheEntry(path, key, segment.name, whole);
    parts.push(part);
  }
  if (useCache) await pruneFoldCache(path, new Set(segments.map((segment) => segment.name)));
  const skipped = { count: 0, first: [] as SkippedLogLine[] };
  let logged = 0;
  for (const part of parts) {
    skipped.count += part.skipped.count;
    for (const line of part.skipped.first) if (skipped.first.length < keep) skipped.first.push(line);
    logged += part.fold.rows + part.fold.otherRows;
  }
  const window = options.window;
  if (
    window?.kind === 'rows' &&
    !options.since &&
    !options.visit &&
    window.rows <= (options.config.recent ?? 20)
  ) {
    // The newest N are in the folds' newest records (they keep `recent` ≥ N): no segment is read again.
    let newest: PredictionRecord[] = [];
    for (const part of parts) newest = newestRecords(newest, part.fold.recent, window.rows);
    const folder = new LogFolder(options.config);
    for (const record of newest) folder.add(record);
    return { fold: folder.finish(), skipped, logged, segments: segments.length };
  }
  const bound = await windowBound(reader, parts, options);
  const until = options.until?.toISOString();
  let fold = emptyFold();
  let ties = 0;
  const accept = (record: PredictionRecord) => {
    if (bound.from && record.timestamp < bound.from) return false;
    if (until && record.timestamp >= until) return false;
    if (bound.tie && record.timestamp === bound.tie.at) return ties++ >= bound.tie.skip;
    return true;
  };
  for (const part of parts) {
    const f = part.fold;
    if (f.rows === 0 || (bound.from && f.last !== null && f.last < bound.from)) continue;
    if (until && f.first !== null && f.first >= until) continue;
    const inside =
      (!bound.from || (f.first !== null && (bound.tie ? f.first > bound.from : f.first >= bound.from))) &&
      (!until || (f.last !== null && f.last < until));
    if (inside && !options.visit) {
      fold = mergeFolds(fold, f, options.config.recent);
      continue;
    }
    const folder = new LogFolder(options.config, accept);
    await reader.readSegment(part.segment, {
      onRecord: (record) => {
        const before = folder.rowsAdded;
        folder.add(record);
        if (options.visit && folder.rowsAdded > before) options.visit(record);
      },
      onSkip: () => undefined,
    });
    fold = mergeFolds(fold, folder.finish(), options.config.recent);
  }
  return { fold, skipped, logged, segments: segments.length };
}

/** Reads what the cache does not hold of a segment: its new whole lines are folded into the entry, its unfinished last line apart. */
async function readPart(
  reader: PredictionLogReader,
  segment: LogSegment,
  entry: FoldCacheEntry | undefined,
  config: FoldConfig,
): Promise<{ part: Part; whole: FoldCacheEntry }> {
  if (entry && entry.size === segment.size) {
    return { part: { segment, fold: entry.fold, skipped: entry.skipped }, whole: entry };
  }
  const lines = new LogFolder(config);
  const tail = new LogFolder(config);
  const skipped = { count: entry?.skipped.count ?? 0, first: [...(entry?.skipped.first ?? [])] };
  let tailSkip: SkippedLogLine | undefined;
  const read = await reader.readSegment(segment, {
    from: entry?.size ?? 0,
    linesBefore: entry?.lines ?? 0,
    onRecord: (record, last) => (last ? tail : lines).add(record),
    onSkip: (line, last) => {
      if (last) tailSkip = line;
      else {
        skipped.count += 1;
        if (skipped.first.length < LISTED) skipped.first.push(line);
      }
    },
  });
  const fresh = lines.finish();
  const whole: FoldCacheEntry = {
    size: read.end,
    lines: read.lines,
    tail: await prefixTail(reader, segment, read.end),
    fold: entry ? mergeFolds(entry.fold, fresh, config.recent) : fresh,
    skipped,
  };
  const withTail = {
    count: skipped.count + (tailSkip ? 1 : 0),
    first: tailSkip && skipped.first.length < LISTED ? [...skipped.first, tailSkip] : skipped.first,
  };
  return {
    part: { segment, fold: mergeFolds(whole.fold, tail.finish(), config.recent), skipped: withTail },
    whole,
  };
}

/** The window's lower bound: a time, and for a window of N records the ties at it that fall outside. */
interface WindowBound {
  from?: string;
  tie?: { at: string; skip: number };
}

async function windowBound(
  reader: PredictionLogReader,
  parts: readonly Part[],
  options: StreamLogOptions,
): Promise<WindowBound> {
  const since = options.since?.toISOString();
  const window = options.window;
  if (!window) return { from: since };
  if (window.kind === 'time') {
    const last = parts.reduce<string | null>(
      (m, p) => (p.fold.last && (!m || p.fold.last > m) ? p.fold.last : m),
      null,
    );
    if (!last || (since && last < since)) return { from: since };
    const from = new Date(Date.parse(last) - window.ms).toISOString();
    return { from: since && since > from ? since : from };
  }
  // The last N records: find the minute the N-th newest is in from the folds' minute counts,
  // then read only the segments holding that minute for the exact time and ties.
  const minutes = new Map<string, number>();
  for (const part of parts) {
    for (const [minute, sums] of Object.entries(part.fold.minutes))
      minutes.set(minute, (minutes.get(minute) ?? 0) + sums[0]);
  }
  const sinceMinute = since?.slice(0, 16);
  const sorted = [...minutes.keys()]
    .filter((m) => !sinceMinute || m >= sinceMinute)
    .sort()
    .reverse();
  let above = 0;
  let boundary: string | undefined;
  for (const minute of sorted) {
    const count = minutes.get(minute) ?? 0;
    if (above + count >= window.rows) {
      boundary = minute;
      break;
    }
    above += count;
  }
  if (!boundary) return { from: since };
  const times: string[] = [];
  for (const part of parts) {
    if (!part.fold.minutes[boundary]) continue;
    const version = options.config.version;
    await reader.readSegment(part.segment, {
      onRecord: (record) => {
        const ts = record.timestamp;
        if (version !== null && record.model_version !== version) return;
        if (ts.slice(0, 16) === boundary && (!since || ts >= since)) times.push(ts);
      },
      onSkip: () => undefined,
    });
  }
  const need = window.rows - above;
  const start = `${boundary}:00.000Z`;
  if (times.length <= need) return { from: since && since > start ? since : start };
  times.sort().reverse();
  const at = times[need - 1];
  const newer = times.filter((t) => t > at).length;
  const equal = times.filter((t) => t === at).length;
  return { from: at, tie: { at, skip: equal - (need - newer) } };
}
