import type { DataTable } from '../table/DataTable';
import { datasetFormat } from './datasetFormat';
import { writeArrowFile } from './writeArrowFile';
import { type WriteCsvOptions, writeCsvFile } from './writeCsvFile';
import { type WriteParquetOptions, writeParquetFile } from './writeParquetFile';

/**
 * Options of {@link writeDataset}: the CSV writer's (`delimiter`) for `.csv`/`.tsv`
 * and the Parquet writer's (`compression`, `rowGroupRows`) for `.parquet`; each
 * format ignores the others'.
 */
export type WriteDatasetOptions = WriteCsvOptions & WriteParquetOptions;

/**
 * Writes a table in the format its file's extension names: `.csv`, `.tsv` (tab
 * delimited), `.arrow`/`.feather`/`.ipc` (Arrow IPC file format) or `.parquet`
 * (Zstd-compressed). Any other extension, `.arrows` included, is a `bad-file` error
 * listing the accepted ones, raised before anything is written. Every format goes
 * to a temporary file renamed over `path`. Resolves when the file is in place.
 */
export async function writeDataset(
  path: string,
  table: DataTable,
  options: WriteDatasetOptions = {},
): Promise<void> {
  switch (datasetFormat(path, 'write')) {
    case 'csv':
      return writeCsvFile(path, table, options);
    case 'tsv':
      return writeCsvFile(path, table, { delimiter: '\t', ...options });
    case 'arrow':
    case 'arrow-stream':
      return writeArrowFile(path, table);
    case 'parquet':
      return writeParquetFile(path, table, options);
  }
}
