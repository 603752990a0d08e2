import { extname } from 'node:path';
import type { DataTable } from '../table/DataTable';
import { readArrowFile } from './readArrowFile';
import { type ReadCsvOptions, readCsvFile } from './readCsvFile';

/** Reads a dataset by its extension: `.csv` (or `.tsv`) as text, anything else as Arrow IPC. */
export function readDataset(path: string, csvOptions: ReadCsvOptions = {}): DataTable {
  const extension = extname(path).toLowerCase();
  if (extension === '.csv') return readCsvFile(path, csvOptions);
  if (extension === '.tsv') return readCsvFile(path, { delimiter: '\t', ...csvOptions });
  return readArrowFile(path);
}
