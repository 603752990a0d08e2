import { FeaturesError } from '../errors';
import type { Column } from '../table/DataTable';
import { parseTimestamp } from './parseTimestamp';

/**
 * The times of a time column as epoch milliseconds: a numeric column as it is
 * (Arrow dates and timestamps already are), a text column parsed with
 * {@link parseTimestamp}. Missing cells are `NaN`; a cell that is not a time is
 * an error naming the column, the row and the value.
 */
export function timeColumnValues(column: Column): Float64Array {
  if (column.kind === 'numeric') return column.values;
  const parsed = column.dictionary.map(parseTimestamp);
  const values = new Float64Array(column.codes.length);
  for (let row = 0; row < values.length; row += 1) {
    const code = column.codes[row];
    if (code < 0) {
      values[row] = Number.NaN;
      continue;
    }
    if (Number.isNaN(parsed[code])) {
      throw new FeaturesError(
        'bad-time',
        `time column '${column.name}' holds '${column.dictionary[code]}' at row ${row}, which is not a date or timestamp: write times as 2024-01-31 or 2024-01-31T08:15:00Z`,
      );
    }
    values[row] = parsed[code];
  }
  return values;
}
