import { FeaturesError } from '../errors';
import { timeColumnValues } from '../schema/timeColumnValues';
import type { DataTable } from '../table/DataTable';
import type { SplitIndices } from './randomSplit';

/** Options of {@link temporalSplit}. */
export interface TemporalSplitOptions {
  /** The time column: numbers (epoch milliseconds or any increasing number) or dates as text. */
  timeColumn: string;
  /** Share of rows, the latest ones, in the test set. @default 0.2 */
  testShare?: number;
}

/**
 * A split by time: the latest `testShare` of rows (by `timeColumn`) form the test
 * set and everything earlier the training set, so a model is evaluated on a future
 * it has not seen, as it will be in production. Rows with equal times stay on the
 * same side (ties go to the test set), so the test set may be a little larger than
 * asked. Deterministic: no seed is needed. Rows without a time are an error.
 */
export function temporalSplit(table: DataTable, options: TemporalSplitOptions): SplitIndices {
  const testShare = options.testShare ?? 0.2;
  if (!(testShare > 0 && testShare < 1))
    throw new FeaturesError('bad-argument', `testShare must be between 0 and 1, got ${testShare}`);
  const time = timeColumnValues(table.column(options.timeColumn));
  const missing = time.findIndex(Number.isNaN);
  if (missing >= 0) {
    throw new FeaturesError(
      'bad-argument',
      `time column '${options.timeColumn}' is missing at row ${missing}: a temporal split needs a time on every row`,
    );
  }
  const sorted = time.slice().sort();
  const testCount = Math.round(time.length * testShare);
  // The first test time: everything at or after it is test.
  const cut = sorted[time.length - testCount];
  let tests = 0;
  for (const value of time) if (value >= cut) tests += 1;
  const train = new Int32Array(time.length - tests);
  const test = new Int32Array(tests);
  let a = 0;
  let b = 0;
  for (let row = 0; row < time.length; row += 1) {
    if (time[row] >= cut) test[b++] = row;
    else train[a++] = row;
  }
  return { train, test };
}
