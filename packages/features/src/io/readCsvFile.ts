import { closeSync, openSync, readSync } from 'node:fs';
import { FeaturesError } from '../errors';
import { type Column, DataTable } from '../table/DataTable';
import { ColumnBuilder } from './ColumnBuilder';
import { CsvRecordParser } from './CsvRecordParser';
import { type CsvEncoding, CsvTextDecoder } from './CsvTextDecoder';
import { unreadableFile } from './readFileBytes';

/** The cell texts read as missing values unless `naValues` says otherwise (besides the empty cell). */
export const defaultNaValues: readonly string[] = ['NA', 'N/A', 'null', 'NULL', 'NaN', '?'];

/** Options of {@link readCsvFile}. */
export interface ReadCsvOptions {
  /**
   * Columns to read as categorical even when every value looks like a number
   * (identifiers, zip codes). Others are numeric when all their values are numbers.
   * @default []
   */
  categorical?: readonly string[];
  /** @default ',' */
  delimiter?: string;
  /** @default 1 << 20 (1 MiB) */
  chunkBytes?: number;
  /**
   * Cell texts (after trimming, case-sensitive) that mean a missing value, in numeric
   * and text columns alike; replaces the default list. The empty cell is always missing.
   * @default defaultNaValues: NA, N/A, null, NULL, NaN, ?
   */
  naValues?: readonly string[];
  /**
   * How the file's bytes are text: strict UTF-8 (an invalid byte is an error naming
   * its line) or ISO-8859-1. A UTF-8 byte order mark at the start is skipped.
   * @default 'utf-8'
   */
  encoding?: CsvEncoding;
}

/**
 * Reads a CSV file with a header row into a {@link DataTable}, in chunks, so memory
 * holds the typed columns and one chunk of text, not the whole file as strings.
 * Quoted fields (with `""` escapes and line breaks) are supported; empty cells and
 * the `naValues` tokens are missing values. Returns the table, one column per header
 * name, numeric where every present cell is a number.
 */
export function readCsvFile(path: string, options: ReadCsvOptions = {}): DataTable {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw unreadableFile(path, error);
  }
  try {
    return readCsvRecords(path, fd, options);
  } finally {
    closeSync(fd);
  }
}

function readCsvRecords(path: string, fd: number, options: ReadCsvOptions): DataTable {
  const forcedCategorical = new Set(options.categorical ?? []);
  const naValues = new Set(options.naValues ?? defaultNaValues);
  const chunkBytes = options.chunkBytes ?? 1 << 20;
  let header: string[] | undefined;
  let builders: ColumnBuilder[] = [];
  let line = 0;
  const parser = new CsvRecordParser(options.delimiter ?? ',', (fields) => {
    line += 1;
    if (!header) {
      header = fields.map((field) => field.trim());
      const seen = new Set<string>();
      for (const name of header) {
        if (name === '')
          throw new FeaturesError('bad-csv', `${path}: the header row has an empty column name`);
        if (seen.has(name))
          throw new FeaturesError('bad-csv', `${path}: the header names column '${name}' twice`);
        seen.add(name);
      }
      builders = header.map((name) => new ColumnBuilder(name, forcedCategorical.has(name), naValues));
      return;
    }
    if (fields.length === 1 && fields[0] === '') return; // blank line
    if (fields.length !== header.length) {
      throw new FeaturesError(
        'bad-csv',
        `${path}:${line}: row has ${fields.length} fields but the header has ${header.length}: quote fields that contain '${options.delimiter ?? ','}'`,
      );
    }
    for (let i = 0; i < fields.length; i += 1) builders[i].push(fields[i]);
  });
  const buffer = Buffer.allocUnsafe(chunkBytes);
  const decoder = new CsvTextDecoder(path, options.encoding ?? 'utf-8', chunkBytes);
  for (;;) {
    const bytesRead = readSync(fd, buffer, 0, buffer.length, null);
    if (bytesRead === 0) break;
    parser.write(decoder.decode(buffer.subarray(0, bytesRead)));
  }
  try {
    parser.end(decoder.end());
  } catch (error) {
    // The parser knows the text, not the file: name the file and the record it was in.
    if (error instanceof FeaturesError && error.code === 'bad-csv' && !error.message.startsWith(path))
      throw new FeaturesError('bad-csv', `${path}:${line + 1}: ${error.message}`, { cause: error });
    throw error;
  }
  if (!header) throw new FeaturesError('bad-csv', `${path} is empty: a CSV needs a header row`);
  return new DataTable(builders.map((builder): Column => builder.finish()));
}
