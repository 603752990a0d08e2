import type { DataTable, Task } from '@mlops/features';
import { ModelsError } from '../errors';

/** A target column as estimators take it: values or class indices, plus the class labels. */
export interface EncodedTarget {
  y: Float64Array;
  classes?: Array<number | string>;
}

/**
 * Encodes the target of `table` for `task`: regression values as they are,
 * class labels as indices into their sorted list (numbers numerically). Pass the
 * training `classes` to encode a test set the same way.
 */
export function encodeTarget(
  table: DataTable,
  target: string,
  task: Task,
  classes?: ReadonlyArray<number | string>,
): EncodedTarget {
  const column = table.column(target);
  const y = new Float64Array(table.numRows);
  if (task === 'regression') {
    if (column.kind !== 'numeric')
      throw new ModelsError('bad-input', `regression target '${target}' must be numeric`);
    y.set(column.values);
    if (y.some(Number.isNaN))
      throw new ModelsError('bad-input', `target '${target}' has missing values: drop or fill those rows`);
    return { y };
  }
  const labels: Array<number | string> = [];
  for (let row = 0; row < table.numRows; row += 1) {
    const value = table.cell(target, row);
    if (value === null)
      throw new ModelsError('bad-input', `target '${target}' is missing in row ${row}: drop or fill it`);
    labels.push(value);
  }
  const known = classes ?? [...new Set(labels)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (!classes && task === 'binary' && known.length !== 2) {
    throw new ModelsError(
      'bad-input',
      `binary target '${target}' has ${known.length} classes: use --task multiclass or fix the labels`,
    );
  }
  const index = new Map(known.map((label, i) => [label, i]));
  labels.forEach((label, row) => {
    const code = index.get(label);
    if (code === undefined)
      throw new ModelsError('bad-input', `target '${target}' has class '${label}' that training never saw`);
    y[row] = code;
  });
  return { y, classes: [...known] };
}
