import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type PredictionRecord, type ReadPredictionLogOptions, readPredictionLog } from '@mlops/registry';
import { recordProblem } from './recordProblem';

/** One log line the monitor left out: the segment file, the 1-based line, and why. */
export interface SkippedLogLine {
  segment: string;
  line: number;
  reason: string;
}

/** Log lines left out of a read: how many, and the first few with where they are. */
export interface SkippedLogLines {
  count: number;
  /** The first {@link ReadLogOptions.keep} of them, in segment and line order. */
  first: SkippedLogLine[];
}

/** Options of {@link readLog}. */
export interface ReadLogOptions extends ReadPredictionLogOptions {
  /** How many skipped lines are listed with their place. @default 20 */
  keep?: number;
}

/** What the monitor reads of a log: usable records in time order, and what it skipped. */
export interface MonitorLog {
  records: PredictionRecord[];
  skipped: SkippedLogLines;
}

/**
 * Reads one model's prediction log through the registry's reader and keeps only
 * usable records ({@link recordProblem}): a torn, corrupt or mis-shaped line is
 * skipped and counted with its segment and line, never fatal. When the registry's
 * reader lists what it skipped (`skipped: [{segment, line, reason}]`), that list is
 * used. When it does not say where (or, as before that change, throws on a `null`
 * line), the segments are read again line by line to say so; once the registry's
 * reader skips every mis-shaped line itself, that fallback stops being reached.
 */
export async function readLog(options: ReadLogOptions): Promise<MonitorLog> {
  const keep = options.keep ?? 20;
  let log: Awaited<ReturnType<typeof readPredictionLog>>;
  try {
    log = await readPredictionLog(options);
  } catch (error) {
    // A registry reader that trusts every parsed line fails on `null` with a TypeError.
    if (error instanceof TypeError) return readLogLineByLine(options, keep);
    throw error;
  }
  const records = log.records.filter((record) => recordProblem(record) === undefined);
  const rejected = log.records.length - records.length;
  const listed = 'skipped' in log ? registrySkipped(log.skipped) : undefined;
  if (rejected === 0 && listed) {
    const count =
      typeof log.skippedLines === 'number' ? Math.max(log.skippedLines, listed.length) : listed.length;
    return { records, skipped: { count, first: listed.slice(0, keep) } };
  }
  if (rejected === 0 && !log.skippedLines) return { records, skipped: { count: 0, first: [] } };
  return readLogLineByLine(options, keep);
}

/** The registry reader's `skipped` list, when it is one of `{segment, line, reason}`. */
function registrySkipped(value: unknown): SkippedLogLine[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const lines = value.filter(
    (entry): entry is SkippedLogLine =>
      typeof entry === 'object' &&
      entry !== null &&
      typeof entry.segment === 'string' &&
      typeof entry.line === 'number' &&
      typeof entry.reason === 'string',
  );
  return lines.length === value.length ? lines : undefined;
}

/**
 * The same read as the registry's (every `.jsonl` segment of the model's folder,
 * `since` on the timestamp, time order), line by line, so each skipped line is
 * named by segment and line.
 */
async function readLogLineByLine(options: ReadPredictionLogOptions, keep: number): Promise<MonitorLog> {
  const dir = join(options.dir, options.model);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.jsonl')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { records: [], skipped: { count: 0, first: [] } };
    throw error;
  }
  const since = options.since?.toISOString();
  const records: PredictionRecord[] = [];
  const skipped: SkippedLogLines = { count: 0, first: [] };
  for (const segment of names) {
    const lines = (await readFile(join(dir, segment), 'utf8')).split('\n');
    for (let i = 0; i < lines.length; i += 1) {
      if (lines[i] === '') continue;
      let value: unknown;
      let reason: string | undefined;
      try {
        value = JSON.parse(lines[i]);
        reason = recordProblem(value);
      } catch {
        reason = 'not JSON (a torn or corrupt line)';
      }
      if (reason !== undefined) {
        skipped.count += 1;
        if (skipped.first.length < keep) skipped.first.push({ segment, line: i + 1, reason });
        continue;
      }
      const record = value as PredictionRecord;
      if (!since || record.timestamp >= since) records.push(record);
    }
  }
  records.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
  return { records, skipped };
}
