import { readdir, readFile } from 'node:fs/promises';
import { checkModelName } from '../names/modelName';
import { pathUnder } from '../names/pathUnder';
import type { PredictionRecord } from './PredictionRecord';

/** Options of {@link readPredictionLog}. */
export interface ReadPredictionLogOptions {
  /** The log's root folder (`<MLOPS_HOME>/predictions`). */
  dir: string;
  model: string;
  /** Only records at or after this time. */
  since?: Date;
}

/** What a read found: the records in time order, and the lines that could not be parsed. */
export interface PredictionLogContents {
  records: PredictionRecord[];
  /** A torn last line (a writer killed mid-write) lands here instead of failing the read. */
  skippedLines: number;
  segments: number;
}

/** Reads every segment of one model's prediction log, from all writer processes. */
export async function readPredictionLog(options: ReadPredictionLogOptions): Promise<PredictionLogContents> {
  checkModelName(options.model);
  const dir = pathUnder(options.dir, options.model);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.jsonl')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { records: [], skippedLines: 0, segments: 0 };
    throw error;
  }
  const since = options.since?.toISOString();
  const records: PredictionRecord[] = [];
  let skippedLines = 0;
  for (const name of names) {
    const text = await readFile(pathUnder(dir, name), 'utf8');
    for (const line of text.split('\n')) {
      if (line === '') continue;
      try {
        const record = JSON.parse(line) as PredictionRecord;
        if (!since || record.timestamp >= since) records.push(record);
      } catch {
        skippedLines += 1;
      }
    }
  }
  records.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
  return { records, skippedLines, segments: names.length };
}
