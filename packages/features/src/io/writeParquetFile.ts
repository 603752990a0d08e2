import { mkdirSync } from 'node:fs';
import { type FileHandle, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { FeaturesError } from '../errors';
import type { DataTable } from '../table/DataTable';
import { arrowBatchForRows } from './arrowBatchForRows';
import { arrowSchemaOf } from './arrowSchemaOf';
import { CATEGORY_ORDER_KEY, categoryOrderOf } from './categoryOrder';
import { parquetWasm } from './parquetWasm';

/** Options of {@link writeParquetFile}. */
export interface WriteParquetOptions {
  /** @default 'zstd' */
  compression?: 'zstd' | 'snappy' | 'gzip' | 'uncompressed';
  /** Rows per row group (and per batch handed to the encoder). @default 262144 */
  rowGroupRows?: number;
}

/**
 * Writes a table as a Parquet file: numeric columns as nullable DOUBLE, categorical
 * ones as nullable UTF8 strings, dictionary-encoded, compressed with Zstd by default,
 * with the Arrow schema embedded (so Arrow readers get Float64 and dictionaries back)
 * and any category order Parquet would lose recorded (see `categoryOrderOf`). The
 * table goes to the encoder one row group at a time and the bytes stream to a
 * temporary file that is fsynced and renamed over `path`, so memory holds one row
 * group beyond the table and a crash never leaves half a file. Resolves when the
 * file is in place.
 */
export async function writeParquetFile(
  path: string,
  table: DataTable,
  options: WriteParquetOptions = {},
): Promise<void> {
  const rowGroupRows = options.rowGroupRows ?? 1 << 18;
  if (!Number.isInteger(rowGroupRows) || rowGroupRows < 1)
    throw new FeaturesError('bad-argument', `rowGroupRows must be a positive integer, got ${rowGroupRows}`);
  if (table.columns.length === 0)
    throw new FeaturesError(
      'bad-argument',
      `cannot write '${path}': a Parquet file needs at least one column`,
    );
  const wasm = parquetWasm();
  const compression = {
    zstd: wasm.Compression.ZSTD,
    snappy: wasm.Compression.SNAPPY,
    gzip: wasm.Compression.GZIP,
    uncompressed: wasm.Compression.UNCOMPRESSED,
  }[options.compression ?? 'zstd'];
  if (compression === undefined)
    throw new FeaturesError(
      'bad-argument',
      `compression must be zstd, snappy, gzip or uncompressed, got '${options.compression}'`,
    );
  const metadata = new Map<string, string>();
  const order = categoryOrderOf(table);
  if (order !== undefined) metadata.set(CATEGORY_ORDER_KEY, order);
  const schema = arrowSchemaOf(table);
  const properties = new wasm.WriterPropertiesBuilder()
    .setCompression(compression)
    .setDictionaryEnabled(true)
    .setMaxRowGroupSize(rowGroupRows)
    .setKeyValueMetadata(metadata)
    .build();

  // Pulled one batch at a time, so only the batch being encoded is in memory.
  let start = 0;
  const batches = new ReadableStream(
    {
      pull(controller) {
        if (start >= table.numRows && (start > 0 || table.numRows > 0)) {
          controller.close();
          return;
        }
        const end = Math.min(table.numRows, start + rowGroupRows);
        const ipc = wasm.Table.fromIPCStream(arrowBatchForRows(table, schema, start, end));
        const batch = ipc.recordBatch(0);
        ipc.free();
        controller.enqueue(batch);
        // A table of 0 rows still sends one empty batch, which carries the schema.
        start = end === start ? 1 : end;
      },
    },
    { highWaterMark: 0 },
  );

  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  let file: FileHandle;
  try {
    mkdirSync(dirname(path), { recursive: true });
    file = await open(temporary, 'w');
  } catch (error) {
    throw new FeaturesError('bad-file', `cannot write '${path}': ${(error as Error).message}`, {
      cause: error,
    });
  }
  try {
    const encoded = await wasm.transformParquetStream(batches, properties);
    for await (const chunk of encoded as unknown as AsyncIterable<Uint8Array>) await file.write(chunk);
    await file.sync();
    await file.close();
    await rename(temporary, path);
  } catch (error) {
    await file.close().catch(() => undefined); // may already be closed
    await rm(temporary, { force: true });
    if (error instanceof FeaturesError) throw error;
    throw new FeaturesError('bad-file', `cannot write '${path}': ${(error as Error).message}`, {
      cause: error,
    });
  }
}
