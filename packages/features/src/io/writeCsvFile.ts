import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { DataTable } from '../table/DataTable';

/** Options of {@link writeCsvFile}. */
export interface WriteCsvOptions {
  /** @default ',' */
  delimiter?: string;
}

/**
 * Writes a table as CSV with a header row: numbers in their shortest exact form
 * (they read back bit-identical), missing cells empty, and text quoted when it
 * holds the delimiter, a quote, a line break or edge spaces. Written in chunks to a
 * temporary file that is fsynced and renamed over `path`, so large tables never sit
 * in memory as one string and a crash never leaves half a file.
 */
export async function writeCsvFile(
  path: string,
  table: DataTable,
  options: WriteCsvOptions = {},
): Promise<void> {
  const delimiter = options.delimiter ?? ',';
  mkdirSync(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  const fd = openSync(temporary, 'w');
  try {
    const cells = table.columns.map((column) =>
      column.kind === 'numeric'
        ? (row: number) => numberText(column.values[row])
        : (() => {
            const quoted = column.dictionary.map((value) => quote(value, delimiter));
            return (row: number) => (column.codes[row] < 0 ? '' : quoted[column.codes[row]]);
          })(),
    );
    let chunk = `${table.columnNames.map((name) => quote(name, delimiter)).join(delimiter)}\n`;
    for (let row = 0; row < table.numRows; row += 1) {
      let line = cells[0](row);
      for (let c = 1; c < cells.length; c += 1) line += delimiter + cells[c](row);
      chunk += `${line}\n`;
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(fd, chunk);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temporary, path);
  } catch (error) {
    try {
      closeSync(fd);
    } catch {
      // Already closed.
    }
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** A number's shortest exact spelling; `String(-0)` is `'0'`, which would lose the sign bit. */
function numberText(value: number): string {
  if (Number.isNaN(value)) return '';
  return Object.is(value, -0) ? '-0' : String(value);
}

function quote(value: string, delimiter: string): string {
  const needs =
    value.includes(delimiter) ||
    value.includes('"') ||
    value.includes('\n') ||
    value.includes('\r') ||
    value !== value.trim();
  return needs ? `"${value.replaceAll('"', '""')}"` : value;
}
