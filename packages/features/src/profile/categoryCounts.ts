import type { CategoricalColumn } from '../table/DataTable';

/** What {@link categoryCounts} returns. */
export interface CategoryCounts {
  /** Rows per category present, by text (dictionary entries with the same text added up). */
  counts: Record<string, number>;
  /** Rows with a value. */
  count: number;
  /** Rows without one. */
  missing: number;
}

/**
 * How many rows of a categorical column hold each category, the one counting rule
 * of baseline profiles and of the windows compared with them. Categories no row
 * holds are left out. Returns the counts, the rows with a value and the missing ones.
 */
export function categoryCounts(column: CategoricalColumn): CategoryCounts {
  const byCode = new Int32Array(column.dictionary.length);
  let missing = 0;
  for (const code of column.codes) {
    if (code < 0) missing += 1;
    else byCode[code] += 1;
  }
  const counts: Record<string, number> = {};
  column.dictionary.forEach((category, code) => {
    if (byCode[code] > 0) counts[category] = (counts[category] ?? 0) + byCode[code];
  });
  return { counts, count: column.codes.length - missing, missing };
}
