import { tableFromIPC, tableToIPC } from 'apache-arrow';
import { FeaturesError } from '../errors';
import { fromArrowTable, toArrowTable } from './arrowTable';
import type { DataTable } from './DataTable';

/** A table as Arrow IPC file bytes: how stores keep a table (e.g. a model version's test rows). */
export function tableToArrowBytes(table: DataTable): Uint8Array {
  return tableToIPC(toArrowTable(table), 'file');
}

/** The table stored by {@link tableToArrowBytes}; `what` names it in the error when the bytes are damaged. */
export function tableFromArrowBytes(bytes: Uint8Array, what = 'the stored table'): DataTable {
  try {
    return fromArrowTable(tableFromIPC(bytes));
  } catch (error) {
    throw new FeaturesError('bad-file', `${what} is not readable Arrow IPC (${(error as Error).message})`, {
      cause: error,
    });
  }
}
