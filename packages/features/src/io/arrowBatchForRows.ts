import {
  type Data,
  type Dictionary,
  Float64,
  type Int32,
  makeData,
  makeVector,
  RecordBatch,
  type Schema,
  Struct,
  Table,
  tableToIPC,
  Utf8,
} from 'apache-arrow';
import type { CategoricalColumn, DataTable } from '../table/DataTable';
import { validityBitmap } from '../table/validityBitmap';

const encoder = new TextEncoder();

/**
 * Rows `[start, end)` of a table as one Arrow record batch in the IPC stream format,
 * the form parquet-wasm takes in. Numeric values are shared, not copied (NaN slots
 * marked null); each categorical column gets a dictionary of only the categories in
 * these rows, so a high-cardinality column (identifiers) does not repeat its whole
 * dictionary in every batch. Returns the IPC bytes.
 */
export function arrowBatchForRows(table: DataTable, schema: Schema, start: number, end: number): Uint8Array {
  const length = end - start;
  const children = table.columns.map((column, index): Data => {
    if (column.kind === 'numeric') {
      const values = column.values.subarray(start, end);
      const { bitmap, nullCount } = validityBitmap(length, (i) => !Number.isNaN(values[i]));
      return makeData({ type: new Float64(), length, nullCount, nullBitmap: bitmap, data: values });
    }
    return dictionaryData(column, start, end, schema.fields[index].type as Dictionary<Utf8, Int32>);
  });
  const data = makeData({ type: new Struct(schema.fields), length, nullCount: 0, children });
  return tableToIPC(new Table([new RecordBatch(schema, data)]), 'stream');
}

function dictionaryData(
  column: CategoricalColumn,
  start: number,
  end: number,
  type: Dictionary<Utf8, Int32>,
): Data {
  const length = end - start;
  const local = new Map<number, number>();
  const categories: string[] = [];
  const codes = new Int32Array(length);
  let nullCount = 0;
  for (let i = 0; i < length; i += 1) {
    const code = column.codes[start + i];
    if (code < 0) {
      nullCount += 1;
      codes[i] = 0; // any index will do under a null slot
      continue;
    }
    let mapped = local.get(code);
    if (mapped === undefined) {
      mapped = categories.length;
      categories.push(column.dictionary[code]);
      local.set(code, mapped);
    }
    codes[i] = mapped;
  }
  // An all-missing batch still needs an entry for its (null) indexes to point at.
  if (categories.length === 0) categories.push('');
  const { bitmap } = validityBitmap(length, (i) => column.codes[start + i] >= 0);
  return makeData({
    type,
    length,
    nullCount,
    nullBitmap: nullCount === 0 ? null : bitmap,
    data: codes,
    dictionary: utf8Vector(categories),
  });
}

// Arrow Utf8 data built directly (offsets + bytes): vectorFromArray is the slow part otherwise.
function utf8Vector(strings: readonly string[]) {
  const offsets = new Int32Array(strings.length + 1);
  let bytes = new Uint8Array(1024);
  let at = 0;
  for (let i = 0; i < strings.length; i += 1) {
    const text = strings[i];
    if (bytes.length - at < text.length * 3) {
      const grown = new Uint8Array(Math.max(bytes.length * 2, at + text.length * 3));
      grown.set(bytes.subarray(0, at));
      bytes = grown;
    }
    at += encoder.encodeInto(text, bytes.subarray(at)).written;
    offsets[i + 1] = at;
  }
  return makeVector(
    makeData({
      type: new Utf8(),
      length: strings.length,
      valueOffsets: offsets,
      data: bytes.subarray(0, at),
    }),
  );
}
