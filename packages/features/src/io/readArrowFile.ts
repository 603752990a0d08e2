import { tableFromIPC } from 'apache-arrow';
import { FeaturesError } from '../errors';
import { fromArrowTable } from '../table/arrowTable';
import type { DataTable } from '../table/DataTable';
import { readFileBytes } from './readFileBytes';

/** Reads an Arrow IPC file (file or stream format) into a {@link DataTable}. */
export function readArrowFile(path: string): DataTable {
  const bytes = readFileBytes(path);
  let arrow: ReturnType<typeof tableFromIPC>;
  try {
    arrow = tableFromIPC(bytes);
  } catch (error) {
    throw new FeaturesError(
      'bad-file',
      `'${path}' is not a readable Arrow IPC file (${(error as Error).message}): pass an Arrow IPC file, or name the file after its format (.csv, .tsv, .parquet)`,
      { cause: error },
    );
  }
  return fromArrowTable(arrow);
}
