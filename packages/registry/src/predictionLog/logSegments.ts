import type { PredictionRecord } from './PredictionRecord';

/** One segment of a model's prediction log, as it is on disk now. */
export interface LogSegment {
  /** The file name inside the model's folder (`<started>_<host>_<pid>_<id>_<index>.jsonl`). */
  name: string;
  path: string;
  /** Bytes on disk now (possibly ending in a line a writer has not finished). */
  size: number;
}

/** One line a reader skipped: where it is and why. */
export interface SkippedLogLine {
  /** The segment's file name, inside the model's folder. */
  segment: string;
  /** 1-based line number in that segment. */
  line: number;
  /** Why it is not a record, e.g. `not valid JSON (a torn line?)`, `model_version is a string: it must be a number`. */
  reason: string;
}

/** Where {@link PredictionLogReader.readSegment} starts, and what it calls per line. */
export interface ReadSegmentOptions {
  /** Byte offset to start at: the end of a whole line read before (0 = the start). @default 0 */
  from?: number;
  /** Lines before `from`, so line numbers stay those of the whole segment. @default 0 */
  linesBefore?: number;
  /** Called per record in file order; `tail` is true for a last line without its newline (a writer may still finish it). */
  onRecord: (record: PredictionRecord, tail: boolean) => void;
  /** Called per line that is not a record; `tail` as for `onRecord`. */
  onSkip: (skipped: SkippedLogLine, tail: boolean) => void;
}

/** What one read of a segment covered. */
export interface SegmentRead {
  /** Byte offset just after the last newline: the next read of new appends starts here. */
  end: number;
  /** Whole lines up to `end` (those before `from` included). */
  lines: number;
}
