import { extname } from 'node:path';
import { FeaturesError } from '../errors';

/** The file formats a dataset can be in, as named by its extension. */
export type DatasetFormat = 'csv' | 'tsv' | 'arrow' | 'arrow-stream' | 'parquet';

const BY_EXTENSION: Record<string, DatasetFormat> = {
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.arrow': 'arrow',
  '.feather': 'arrow', // Feather v2 is the Arrow IPC file format
  '.ipc': 'arrow',
  '.arrows': 'arrow-stream',
  '.parquet': 'parquet',
};

// Arrow's stream format is only read: files written here are random-access Arrow files.
const WRITABLE = new Set<DatasetFormat>(['csv', 'tsv', 'arrow', 'parquet']);

/**
 * The format of a dataset file, from its extension (any case). An extension that is
 * not a dataset format, or, for writing, one only read here (`.arrows`), is a
 * `bad-file` error naming the file and the extensions accepted. Returns the format.
 */
export function datasetFormat(path: string, purpose: 'read' | 'write'): DatasetFormat {
  const extension = extname(path).toLowerCase();
  const format = Object.hasOwn(BY_EXTENSION, extension) ? BY_EXTENSION[extension] : undefined;
  if (format !== undefined && (purpose === 'read' || WRITABLE.has(format))) return format;
  const accepted = Object.entries(BY_EXTENSION)
    .filter(([, candidate]) => purpose === 'read' || WRITABLE.has(candidate))
    .map(([name]) => name)
    .join(', ');
  const what = extension === '' ? 'has no extension' : `has extension '${extension}'`;
  throw new FeaturesError(
    'bad-file',
    `cannot ${purpose} '${path}': it ${what}, which names no dataset format ${purpose === 'read' ? 'read' : 'written'} here: use one of ${accepted}`,
  );
}
