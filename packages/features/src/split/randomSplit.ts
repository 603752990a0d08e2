import { FeaturesError } from '../errors';
import { createRng } from '../random/createRng';
import type { DataTable } from '../table/DataTable';

/** Row indices of a train/test split. */
export interface SplitIndices {
  train: Int32Array;
  test: Int32Array;
}

/** Options of {@link randomSplit}. */
export interface RandomSplitOptions {
  /** Share of rows in the test set. @default 0.2 */
  testShare?: number;
  seed: number;
  /** Keep each class's share equal in both sets (classification targets). */
  stratifyBy?: string;
}

/** A seeded random (optionally stratified) split of a table's rows; the same seed gives the same split. */
export function randomSplit(table: DataTable, options: RandomSplitOptions): SplitIndices {
  const testShare = options.testShare ?? 0.2;
  if (!(testShare > 0 && testShare < 1)) {
    throw new FeaturesError('bad-argument', `testShare must be between 0 and 1, got ${testShare}`);
  }
  const rng = createRng(options.seed);
  const groups = new Map<string, number[]>();
  for (let row = 0; row < table.numRows; row += 1) {
    const key = options.stratifyBy === undefined ? '' : String(table.cell(options.stratifyBy, row));
    let group = groups.get(key);
    if (!group) {
      group = [];
      groups.set(key, group);
    }
    group.push(row);
  }
  const train: number[] = [];
  const test: number[] = [];
  for (const key of [...groups.keys()].sort()) {
    const rows = rng.shuffle(groups.get(key)!);
    const testCount = Math.round(rows.length * testShare);
    test.push(...rows.slice(0, testCount));
    train.push(...rows.slice(testCount));
  }
  return {
    train: Int32Array.from(train.sort((a, b) => a - b)),
    test: Int32Array.from(test.sort((a, b) => a - b)),
  };
}
