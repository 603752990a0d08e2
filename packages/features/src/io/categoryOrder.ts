import type { DataTable } from '../table/DataTable';

/** The Parquet key-value metadata entry holding category orders Parquet would lose. */
export const CATEGORY_ORDER_KEY = 'mlops.categories';

/**
 * The dictionaries of a table's categorical columns that a Parquet reader could not
 * rebuild, as the JSON to store under {@link CATEGORY_ORDER_KEY}: Parquet keeps the
 * categories of a column in order of first appearance, so a column whose dictionary
 * is in another order or holds unused entries (after `take`, a split, or a filter)
 * records it, and reading the file gives back the same dictionary. Columns already in
 * first-appearance order, the usual case, cost nothing. Returns `undefined` when no
 * column needs it.
 */
export function categoryOrderOf(table: DataTable): string | undefined {
  const orders: Record<string, readonly string[]> = {};
  let any = false;
  for (const column of table.columns) {
    if (column.kind !== 'categorical') continue;
    // First appearance order means each new code is the next unused one.
    let next = 0;
    for (let i = 0; i < column.codes.length && next < column.dictionary.length; i += 1) {
      const code = column.codes[i];
      if (code === next) next += 1;
      else if (code > next) break;
    }
    if (next !== column.dictionary.length) {
      orders[column.name] = column.dictionary;
      any = true;
    }
  }
  return any ? JSON.stringify(orders) : undefined;
}
