import type { DataTable } from '../table/DataTable';
import { datasetFormat } from './datasetFormat';
import { readArrowFile } from './readArrowFile';
import { type ReadCsvOptions, readCsvFile } from './readCsvFile';
import { readParquetFile } from './readParquetFile';

/**
 * Options of {@link readDataset}: the CSV reader's (`categorical`, `delimiter`,
 * `naValues`, `encoding`, `chunkBytes`), used for `.csv` and `.tsv` files and
 * ignored for Arrow and Parquet, whose files carry their own types.
 */
export type ReadDatasetOptions = ReadCsvOptions;

/**
 * Reads a dataset in the format its extension names, synchronously: `.csv`, `.tsv`
 * (tab-delimited unless `delimiter` says otherwise), `.arrow`/`.feather`/`.ipc`
 * (Arrow IPC), `.arrows` (Arrow IPC stream) or `.parquet`. Any other extension is a
 * `bad-file` error listing the accepted ones. Returns the table.
 */
export function readDataset(path: string, options: ReadDatasetOptions = {}): DataTable {
  switch (datasetFormat(path, 'read')) {
    case 'csv':
      return readCsvFile(path, options);
    case 'tsv':
      return readCsvFile(path, { delimiter: '\t', ...options });
    case 'arrow':
    case 'arrow-stream':
      return readArrowFile(path);
    case 'parquet':
      return readParquetFile(path);
  }
}
