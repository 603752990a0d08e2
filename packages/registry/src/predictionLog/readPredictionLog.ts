import { readdir, readFile } from 'node:fs/promises';
import { RegistryError } from '../errors';
import { checkModelName } from '../names/modelName';
import { pathUnder } from '../names/pathUnder';
import type { PredictionRecord } from './PredictionRecord';
import { predictionRecordProblem } from './predictionRecordProblem';

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

/** One line the reader skipped: where it is and why. */
export interface SkippedLogLine {
  /** The segment's file name, inside the model's folder. */
  segment: string;
  /** 1-based line number in that segment. */
  line: number;
  /** Why it is not a record, e.g. `not valid JSON (a torn line?)`, `model_version is a string: it must be a number`. */
  reason: string;
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
 * Reads every segment of one model's prediction log, from all writer processes. A
 * line that does not parse, or parses as something other than a record
 * ({@link predictionRecordProblem}), is skipped and reported, never fatal. The model
 * name must pass `checkModelName` (`bad-name`); a segment that cannot be read is a
 * `storage` error naming it.
 */
export async function readPredictionLog(options: ReadPredictionLogOptions): Promise<PredictionLogContents> {
  checkModelName(options.model);
  const dir = pathUnder(options.dir, options.model);
  const maxListed = options.maxSkippedListed ?? 100;
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.jsonl')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { records: [], skippedLines: 0, skipped: [], segments: 0 };
    throw new RegistryError(
      'storage',
      `cannot list the prediction log of '${options.model}' (${dir}): ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  const since = options.since?.toISOString();
  const records: PredictionRecord[] = [];
  const skipped: SkippedLogLine[] = [];
  let skippedLines = 0;
  const skip = (segment: string, line: number, reason: string) => {
    skippedLines += 1;
    if (skipped.length < maxListed) skipped.push({ segment, line, reason });
  };
  for (const name of names) {
    const path = pathUnder(dir, name);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      throw new RegistryError(
        'storage',
        `cannot read prediction log segment ${path}: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      if (line === '') return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        const last = i === lines.length - 1;
        skip(
          name,
          i + 1,
          last
            ? 'not valid JSON, and the last line has no end (a writer stopped mid-line)'
            : 'not valid JSON',
        );
        return;
      }
      const problem = predictionRecordProblem(value);
      if (problem) {
        skip(name, i + 1, problem);
        return;
      }
      const record = value as PredictionRecord;
      if (!since || record.timestamp >= since) records.push(record);
    });
  }
  records.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
  return { records, skippedLines, skipped, segments: names.length };
}
