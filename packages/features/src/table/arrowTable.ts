import {
  Table as ArrowTable,
  Dictionary,
  Float64,
  Int32,
  makeData,
  makeVector,
  type Table,
  Type,
  Utf8,
  type Vector,
  vectorFromArray,
} from 'apache-arrow';
import { FeaturesError } from '../errors';
import { CategoryDictionary } from './CategoryDictionary';
import { type Column, DataTable } from './DataTable';
import { validityBitmap } from './validityBitmap';

/**
 * Converts an Arrow table to a {@link DataTable}. Numbers, dates and timestamps
 * become numeric columns (dates as epoch milliseconds); strings, dictionaries and
 * booleans become categorical columns; nulls become missing values.
 */
export function fromArrowTable(table: Table): DataTable {
  return new DataTable(
    table.schema.fields.map((field, index) => fromArrowVector(field.name, table.getChildAt(index)!)),
  );
}

function fromArrowVector(name: string, vector: Vector): Column {
  const typeId = vector.type.typeId;
  if (isNumericType(typeId)) {
    const values = new Float64Array(vector.length);
    let i = 0;
    for (const value of vector) {
      values[i] = value === null ? Number.NaN : Number(typeof value === 'object' ? value.valueOf() : value);
      i += 1;
    }
    return { kind: 'numeric', name, values };
  }
  if (
    typeId === Type.Utf8 ||
    typeId === Type.LargeUtf8 ||
    typeId === Type.Dictionary ||
    typeId === Type.Bool
  ) {
    const dictionary = new CategoryDictionary();
    const codes = new Int32Array(vector.length);
    let i = 0;
    for (const value of vector) {
      codes[i] = value === null || value === undefined ? -1 : dictionary.codeOf(String(value));
      i += 1;
    }
    return { kind: 'categorical', name, codes, dictionary: dictionary.values };
  }
  throw new FeaturesError(
    'wrong-column-type',
    `column '${name}' has Arrow type ${vector.type} which the platform cannot use: convert it to a number or a string`,
  );
}

function isNumericType(typeId: Type): boolean {
  return (
    typeId === Type.Int ||
    typeId === Type.Float ||
    typeId === Type.Decimal ||
    typeId === Type.Date ||
    typeId === Type.Timestamp ||
    typeId === Type.Time
  );
}

/** Converts a {@link DataTable} to an Arrow table: Float64 and Dictionary<Utf8, Int32> columns with nulls. */
export function toArrowTable(table: DataTable): Table {
  const vectors: Record<string, Vector> = {};
  table.columns.forEach((column, index) => {
    vectors[column.name] =
      column.kind === 'numeric' ? numericVector(column.values) : categoricalVector(column, index);
  });
  return new ArrowTable(vectors);
}

function numericVector(values: Float64Array): Vector {
  const { bitmap, nullCount } = validityBitmap(values.length, (i) => !Number.isNaN(values[i]));
  return makeVector(
    makeData({ type: new Float64(), length: values.length, nullCount, nullBitmap: bitmap, data: values }),
  );
}

function categoricalVector(column: Extract<Column, { kind: 'categorical' }>, dictionaryId: number): Vector {
  const { codes } = column;
  const { bitmap, nullCount } = validityBitmap(codes.length, (i) => codes[i] >= 0);
  // Arrow expects a valid index even under a null slot.
  const safeCodes = nullCount === 0 ? codes : codes.map((code) => Math.max(code, 0));
  const dictionary = vectorFromArray([...column.dictionary], new Utf8());
  return makeVector(
    makeData({
      // An explicit id: Arrow's default comes from a process-wide counter, which
      // would make the same table write different bytes.
      type: new Dictionary(new Utf8(), new Int32(), dictionaryId),
      length: codes.length,
      nullCount,
      nullBitmap: bitmap,
      data: safeCodes,
      dictionary,
    }),
  );
}
