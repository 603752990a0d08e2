import { type Schema, tableFromIPC } from 'apache-arrow';
import { FeaturesError } from '../errors';
import { DataTable } from '../table/DataTable';
import { CATEGORY_ORDER_KEY } from './categoryOrder';
import { ParquetColumnBuilder } from './ParquetColumnBuilder';
import { parquetRowGroupRows } from './parquetRowGroupRows';
import { parquetWasm } from './parquetWasm';
import { readFileBytes } from './readFileBytes';

// Row groups are decoded together until they hold this many rows: each call to the
// decoder copies the whole file into WebAssembly memory, so fewer, larger calls, but
// bounded, so memory holds the typed columns and one window of decoded Arrow data.
const WINDOW_ROWS = 1 << 19;

/**
 * Reads a Parquet file (any writer; Snappy, Gzip, Brotli, LZ4 or Zstd; plain,
 * dictionary or delta encodings) into a {@link DataTable}, synchronously, streaming
 * its row groups into typed columns sized from the footer. Numbers, dates and
 * timestamps become numeric columns (epoch milliseconds), strings, booleans and
 * dictionaries categorical ones, nulls missing values; another type is a
 * `wrong-column-type` error naming the column and its type. Returns the table.
 */
export function readParquetFile(path: string): DataTable {
  const bytes = readFileBytes(path);
  const rowGroups = parquetRowGroupRows(bytes, path);
  const wasm = parquetWasm();
  const decode = <T>(what: () => T): T => {
    try {
      return what();
    } catch (error) {
      throw new FeaturesError(
        'bad-file',
        `'${path}' is not a readable Parquet file (${(error as Error).message}): check that it was written completely`,
        { cause: error },
      );
    }
  };
  const schema: Schema = decode(() => tableFromIPC(wasm.readSchema(bytes).intoIPCStream()).schema);
  const rows = rowGroups.reduce((sum, count) => sum + count, 0);
  const builders = schema.fields.map((field) => new ParquetColumnBuilder(field.name, field.type, rows, path));
  for (let first = 0; first < rowGroups.length; ) {
    const window: number[] = [];
    let windowRows = 0;
    while (
      first < rowGroups.length &&
      (window.length === 0 || windowRows + rowGroups[first] <= WINDOW_ROWS)
    ) {
      window.push(first);
      windowRows += rowGroups[first];
      first += 1;
    }
    if (windowRows === 0) continue;
    const batch = decode(() =>
      tableFromIPC(
        wasm
          .readParquet(bytes, { rowGroups: window, batchSize: Math.min(windowRows, WINDOW_ROWS) })
          .intoIPCStream(),
      ),
    );
    batch.schema.fields.forEach((_, index) => {
      for (const data of batch.getChildAt(index)!.data) builders[index].append(data);
    });
  }
  const orders = categoryOrders(schema.metadata.get(CATEGORY_ORDER_KEY));
  return new DataTable(builders.map((builder) => builder.finish(orders[builder.name])));
}

function categoryOrders(json: string | undefined): Record<string, readonly string[]> {
  if (json === undefined) return {};
  try {
    const parsed: unknown = JSON.parse(json);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, readonly string[]>) : {};
  } catch {
    return {}; // only an ordering hint: a file edited elsewhere still reads
  }
}
