import { CategoryDictionary } from '../table/CategoryDictionary';
import type { CategoricalColumn } from '../table/DataTable';
import { normalizeCategory } from './normalizeCategory';

/** What {@link normalizeCategoricalColumn} did to one column. */
export interface CategoryNormalization {
  column: CategoricalColumn;
  /** Cells whose spelling changed (blank cells turned missing included). */
  changed: number;
  /** A few rows whose spelling changed. */
  exampleRows: number[];
  /** One change, for messages: the raw spelling and its normal form. */
  example?: { from: string; to: string };
}

/**
 * Rewrites a categorical column in canonical spelling ({@link normalizeCategory}):
 * spellings that normalise alike merge into one dictionary entry, and cells that are
 * blank after trimming become missing. Works on the dictionary and remaps codes, so
 * its cost is one pass over the rows.
 */
export function normalizeCategoricalColumn(
  column: CategoricalColumn,
  exampleLimit = 5,
): CategoryNormalization {
  const dictionary = new CategoryDictionary();
  const remap = new Int32Array(column.dictionary.length);
  const differs = new Uint8Array(column.dictionary.length);
  column.dictionary.forEach((raw, code) => {
    const normal = normalizeCategory(raw);
    differs[code] = normal === raw ? 0 : 1;
    remap[code] = normal === '' ? -1 : dictionary.codeOf(normal);
  });
  const codes = new Int32Array(column.codes.length);
  const exampleRows: number[] = [];
  let changed = 0;
  let example: CategoryNormalization['example'];
  for (let row = 0; row < codes.length; row += 1) {
    const code = column.codes[row];
    if (code < 0) {
      codes[row] = -1;
      continue;
    }
    codes[row] = remap[code];
    if (!differs[code]) continue;
    changed += 1;
    if (exampleRows.length < exampleLimit) exampleRows.push(row);
    example ??= { from: column.dictionary[code], to: normalizeCategory(column.dictionary[code]) };
  }
  return {
    column: { kind: 'categorical', name: column.name, codes, dictionary: dictionary.values },
    changed,
    exampleRows,
    example,
  };
}
