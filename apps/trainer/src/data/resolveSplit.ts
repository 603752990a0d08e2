import { CliError } from '../CliError';
import type { LoadedDataset } from './loadDataset';

/** `--split`, `--time-column` and `--test-data`, as train, tune and compare take them. */
export interface SplitOptions {
  split?: 'random' | 'temporal';
  timeColumn?: string;
  testData?: string;
}

/** How a command holds rows out for evaluation, and the sentence its summary prints. */
export interface SplitPlan {
  kind: 'given' | 'random' | 'temporal';
  timeColumn?: string;
  description: string;
}

/**
 * Decides how to hold rows out: `--test-data` wins; `--time-column` or
 * `--split temporal` split by time (the latest 20 % is the test set); a dataset
 * whose schema says `split: temporal` (a next-period label, such as the daily
 * revenue set) splits by time by default; everything else at random.
 */
export function resolveSplit(data: LoadedDataset, options: SplitOptions): SplitPlan {
  if (options.testData) return { kind: 'given', description: `held-out rows from ${options.testData}` };
  if (options.timeColumn && !data.table.has(options.timeColumn)) {
    throw new CliError(
      `--time-column '${options.timeColumn}' is not a column of ${data.dataPath} (columns: ${data.table.columnNames.join(', ')})`,
    );
  }
  if (options.split === 'random' && !options.timeColumn)
    return { kind: 'random', description: 'random 80/20 split (--split random)' };
  const asked = options.split === 'temporal' || options.timeColumn !== undefined;
  const byDefault = !asked && data.schema.split === 'temporal';
  if (!asked && !byDefault) {
    const hint = data.timeColumns.length
      ? ` (the data has a time column '${data.timeColumns[0]}': --split temporal tests on the latest rows)`
      : '';
    return { kind: 'random', description: `random 80/20 split${hint}` };
  }
  const timeColumn = options.timeColumn ?? data.timeColumns[0];
  if (!timeColumn) {
    throw new CliError(
      `--split temporal needs a time column and ${data.dataPath} has none: name one with --time-column (columns: ${data.table.columnNames.join(', ')})`,
    );
  }
  return {
    kind: 'temporal',
    timeColumn,
    description: `temporal split on '${timeColumn}' (the latest 20 % is the test set${byDefault ? ", the schema's default for a next-period label" : ''})`,
  };
}
