import { FeaturesError } from '../errors';
import { CategoryDictionary } from './CategoryDictionary';

/** A numeric column: one float per row, `NaN` where the value is missing. */
export interface NumericColumn {
  readonly kind: 'numeric';
  readonly name: string;
  readonly values: Float64Array;
}

/**
 * A categorical column, dictionary-encoded as Arrow does it: `codes[i]` indexes
 * `dictionary`, and -1 marks a missing value.
 */
export interface CategoricalColumn {
  readonly kind: 'categorical';
  readonly name: string;
  readonly codes: Int32Array;
  readonly dictionary: readonly string[];
}

export type Column = NumericColumn | CategoricalColumn;

/** A value of one cell as it appears in a row record; `null` is missing. */
export type CellValue = number | string | null;

/**
 * The in-memory columnar table every package works on: typed arrays per column,
 * the same layout as an Arrow record batch (Float64 and Dictionary<Utf8, Int32>), so
 * converting to and from `apache-arrow` copies no more than it must.
 */
export class DataTable {
  readonly numRows: number;
  private readonly byName: Map<string, Column>;

  constructor(readonly columns: readonly Column[]) {
    this.byName = new Map();
    let numRows: number | undefined;
    for (const column of columns) {
      if (this.byName.has(column.name)) {
        throw new FeaturesError(
          'duplicate-column',
          `column '${column.name}' appears twice: column names must be unique`,
        );
      }
      this.byName.set(column.name, column);
      const length = column.kind === 'numeric' ? column.values.length : column.codes.length;
      if (numRows !== undefined && length !== numRows) {
        throw new FeaturesError(
          'bad-argument',
          `column '${column.name}' has ${length} rows but the table has ${numRows}: all columns need the same length`,
        );
      }
      numRows = length;
    }
    this.numRows = numRows ?? 0;
  }

  get columnNames(): string[] {
    return this.columns.map((column) => column.name);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** The column called `name`; throws a `missing-column` error naming the columns there are. */
  column(name: string): Column {
    const column = this.byName.get(name);
    if (!column) {
      throw new FeaturesError(
        'missing-column',
        `column '${name}' is not in the table (columns: ${this.columnNames.join(', ')})`,
      );
    }
    return column;
  }

  numeric(name: string): NumericColumn {
    return this.columnOfKind(name, 'numeric');
  }

  categorical(name: string): CategoricalColumn {
    return this.columnOfKind(name, 'categorical');
  }

  /** The column called `name`; throws `wrong-column-type` unless it is of `kind`. */
  private columnOfKind<Kind extends Column['kind']>(
    name: string,
    kind: Kind,
  ): Extract<Column, { kind: Kind }> {
    const column = this.column(name);
    if (column.kind !== kind) {
      throw new FeaturesError(
        'wrong-column-type',
        `column '${name}' is ${column.kind} but a ${kind} column is needed`,
      );
    }
    return column as Extract<Column, { kind: Kind }>;
  }

  /** A table of the named columns, in that order (no copy of the data). */
  select(names: readonly string[]): DataTable {
    return new DataTable(names.map((name) => this.column(name)));
  }

  /** A table without the named columns. */
  drop(names: readonly string[]): DataTable {
    const dropped = new Set(names);
    return new DataTable(this.columns.filter((column) => !dropped.has(column.name)));
  }

  /** A new table holding the given rows, in the given order. */
  take(rows: ArrayLike<number>): DataTable {
    return new DataTable(
      this.columns.map((column): Column => {
        if (column.kind === 'numeric') {
          const values = new Float64Array(rows.length);
          for (let i = 0; i < rows.length; i += 1) values[i] = column.values[rows[i]];
          return { kind: 'numeric', name: column.name, values };
        }
        const codes = new Int32Array(rows.length);
        for (let i = 0; i < rows.length; i += 1) codes[i] = column.codes[rows[i]];
        return { kind: 'categorical', name: column.name, codes, dictionary: column.dictionary };
      }),
    );
  }

  /** The value of one cell: a number, a category, or `null` when missing. */
  cell(name: string, row: number): CellValue {
    const column = this.column(name);
    if (column.kind === 'numeric') {
      const value = column.values[row];
      return Number.isNaN(value) ? null : value;
    }
    const code = column.codes[row];
    return code < 0 ? null : column.dictionary[code];
  }

  /** One row as a record. Meant for examples and tests, not for hot loops. */
  row(row: number): Record<string, CellValue> {
    const record: Record<string, CellValue> = {};
    for (const column of this.columns) record[column.name] = this.cell(column.name, row);
    return record;
  }
}

/** Builds a numeric column from plain numbers (`null`/`undefined`/NaN become missing). */
export function numericColumn(name: string, values: ArrayLike<number | null | undefined>): NumericColumn {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i];
    out[i] = value === null || value === undefined ? Number.NaN : value;
  }
  return { kind: 'numeric', name, values: out };
}

/** Builds a dictionary-encoded column from strings (`null`/`undefined` become missing). */
export function categoricalColumn(
  name: string,
  values: ArrayLike<string | null | undefined>,
): CategoricalColumn {
  const dictionary = new CategoryDictionary();
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i];
    codes[i] = value === null || value === undefined ? -1 : dictionary.codeOf(value);
  }
  return { kind: 'categorical', name, codes, dictionary: dictionary.values };
}
