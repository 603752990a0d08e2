import type { Column } from '../table/DataTable';
import type { ColumnRole } from './DatasetSchema';
import { isNumberText } from './numberText';
import { parseTimestamp } from './parseTimestamp';

/** What inference decided about one column, and why (printed by `prepare` and `train`). */
export interface InferredColumn {
  type: 'numeric' | 'categorical';
  role: Exclude<ColumnRole, 'target'>;
  /** One phrase a user can check, e.g. `named like an identifier`. */
  reason: string;
}

/** Text columns whose cells are mostly numbers are numeric columns with a few bad cells. */
const NUMERIC_TEXT_SHARE = 0.9;
/** A text column with at least this share of distinct values identifies rows. */
const DISTINCT_ID_SHARE = 0.95;
/** Fewer present values than this say nothing about distinctness or sequences. */
const MIN_ROWS_FOR_SHAPE = 20;
/** Epoch milliseconds from 1973 to 2103: numbers in this range under a time-like name are times. */
const EPOCH_MS = [1e11, 4.2e12] as const;

const ID_NAME = /^(id|uuid|guid|key)$|[_\-. ](id|uuid|guid)$|[a-z0-9]Id$|^(id|uuid)[_\-. ]/;
const TIME_NAME = /^(date|time|timestamp|datetime|ts)$|[_\-. ](date|time|timestamp|datetime|ts|at)$/i;

/**
 * Infers a column's type and role from its name and values, for data without a
 * schema. In order: a name like `id`, `*_id`, `uuid` is an id; text that is
 * mostly numbers is a numeric feature (its other cells are for the quality gate
 * to report, not a reason to one-hot encode the column); text that parses as
 * dates, or numbers that are epoch milliseconds under a time-like name, is a time;
 * an integer sequence (strictly increasing by one) or text with at least 95 %
 * distinct values is an id; everything else is a feature.
 */
export function inferColumnRole(column: Column): InferredColumn {
  const name = column.name;
  const numericText = column.kind === 'categorical' && mostlyNumbers(column);
  const type = column.kind === 'numeric' || numericText ? 'numeric' : 'categorical';
  if (ID_NAME.test(name) || ID_NAME.test(name.toLowerCase()))
    return { type, role: 'id', reason: 'named like an identifier' };
  if (numericText)
    return {
      type,
      role: 'feature',
      reason: 'numbers, with some cells that are not (see the quality report)',
    };
  if (column.kind === 'categorical') {
    const example = datesExample(column);
    if (example !== undefined)
      return { type, role: 'time', reason: `values parse as dates (e.g. '${example}')` };
    const { present, distinct } = distinctCount(column);
    if (present >= MIN_ROWS_FOR_SHAPE && distinct >= DISTINCT_ID_SHARE * present) {
      const share = Math.floor((100 * distinct) / present);
      return {
        type,
        role: 'id',
        reason: `${share} % of its values are distinct (${distinct} of ${present})`,
      };
    }
    return { type, role: 'feature', reason: 'text' };
  }
  if (TIME_NAME.test(name) && epochMilliseconds(column.values))
    return { type, role: 'time', reason: 'named like a time and holds epoch milliseconds' };
  if (isIntegerSequence(column.values))
    return {
      type,
      role: 'id',
      reason: `a sequence ${column.values[0]}, ${column.values[1]}, … ${column.values.at(-1)}`,
    };
  return { type, role: 'feature', reason: 'numbers' };
}

function mostlyNumbers(column: Extract<Column, { kind: 'categorical' }>): boolean {
  const counts = new Int32Array(column.dictionary.length);
  let present = 0;
  for (const code of column.codes) {
    if (code < 0) continue;
    counts[code] += 1;
    present += 1;
  }
  if (present === 0) return false;
  let numbers = 0;
  column.dictionary.forEach((text, code) => {
    if (isNumberText(text.trim())) numbers += counts[code];
  });
  return numbers >= NUMERIC_TEXT_SHARE * present;
}

function datesExample(column: Extract<Column, { kind: 'categorical' }>): string | undefined {
  const used = new Uint8Array(column.dictionary.length);
  for (const code of column.codes) if (code >= 0) used[code] = 1;
  let example: string | undefined;
  for (let code = 0; code < used.length; code += 1) {
    if (!used[code]) continue;
    if (Number.isNaN(parseTimestamp(column.dictionary[code]))) return undefined;
    example ??= column.dictionary[code];
  }
  return example;
}

function distinctCount(column: Extract<Column, { kind: 'categorical' }>): {
  present: number;
  distinct: number;
} {
  const seen = new Uint8Array(column.dictionary.length);
  let present = 0;
  let distinct = 0;
  for (const code of column.codes) {
    if (code < 0) continue;
    present += 1;
    if (!seen[code]) {
      seen[code] = 1;
      distinct += 1;
    }
  }
  return { present, distinct };
}

function epochMilliseconds(values: Float64Array): boolean {
  let present = 0;
  for (const value of values) {
    if (Number.isNaN(value)) continue;
    if (!Number.isInteger(value) || value < EPOCH_MS[0] || value > EPOCH_MS[1]) return false;
    present += 1;
  }
  return present > 0;
}

function isIntegerSequence(values: Float64Array): boolean {
  if (values.length < MIN_ROWS_FOR_SHAPE || !Number.isInteger(values[0])) return false;
  for (let i = 1; i < values.length; i += 1) if (values[i] !== values[i - 1] + 1) return false;
  return true;
}
