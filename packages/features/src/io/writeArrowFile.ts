import { tableToIPC } from 'apache-arrow';
import { toArrowTable } from '../table/arrowTable';
import type { DataTable } from '../table/DataTable';
import { writeFileAtomic } from './writeFileAtomic';

/**
 * Writes a table as an Arrow IPC file (the random-access "file" format) through a
 * temporary name and a rename, so a crash never leaves a torn file.
 */
export async function writeArrowFile(path: string, table: DataTable): Promise<void> {
  await writeFileAtomic(path, tableToIPC(toArrowTable(table), 'file'));
}
