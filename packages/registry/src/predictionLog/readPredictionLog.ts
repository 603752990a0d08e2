import { PredictionLogReader, type SkippedLogLine } from './PredictionLogReader';
import type { PredictionRecord } from './PredictionRecord';

export type { SkippedLogLine };

/** Options of {@link readPredictionLog}. */
export interface ReadPredictionLogOptions {
  /** The log's root folder (`<MLOPS_HOME>/predictions`). */
  dir: string;
  model: string;
  /** Only records at or after this time. */
  since?: Date;
  /** How many skipped lines are listed in `skipped` (all are counted in `skippedLines`). @default 100 */
  maxSkippedListed?: number;
}

/** What a read found: the records in time order, and the lines that are not records. */
export interface PredictionLogContents {
  records: PredictionRecord[];
  /** How many lines were skipped: torn (a writer killed mid-write), unparseable, or parsed but not records. */
  skippedLines: number;
  /** The first `maxSkippedListed` of them, in segment and line order. */
  skipped: SkippedLogLine[];
  segments: number;
}

/**
 * Reads every segment of one model's prediction log into memory (the CSV export;
 * the monitor folds segments with {@link PredictionLogReader} instead), from all writer processes. A
 * line that does not parse, or parses as something other than a record
 * ({@link predictionRecordProblem}), is skipped and reported, never fatal. The model
 * name must pass `checkModelName` (`bad-name`); a segment that cannot be read is a
 * `storage` error naming it.
 */
export async function readPredictionLog(options: ReadPredictionLogOptions): Promise<PredictionLogContents> {
  const reader = new PredictionLogReader(options.dir);
  const maxListed = options.maxSkippedListed ?? 100;
  const segments = await reader.segments(options.model);
  const since = options.since?.toISOString();
  const records: PredictionRecord[] = [];
  const skipped: SkippedLogLine[] = [];
  let skippedLines = 0;
  for (const segment of segments) {
    await reader.readSegment(segment, {
      onRecord: (record) => {
        if (!since || record.timestamp >= since) records.push(record);
      },
      onSkip: (line) => {
        skippedLines += 1;
        if (skipped.length < maxListed) skipped.push(line);
      },
    });
  }
  records.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
  return { records, skippedLines, skipped, segments: segments.length };
}
