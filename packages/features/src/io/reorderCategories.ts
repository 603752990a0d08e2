import type { CategoricalColumn } from '../table/DataTable';

/**
 * Gives a categorical column the dictionary `order` (the categories in the order the
 * writer held them, unused ones included), recoding its cells; used when a Parquet
 * file written here recorded that order, since Parquet itself keeps categories only
 * in order of first appearance. Returns the column unchanged when there is no order
 * or it lacks one of the column's categories (a file edited elsewhere).
 */
export function reorderCategories(column: CategoricalColumn, order?: readonly string[]): CategoricalColumn {
  if (!order) return column;
  const position = new Map(order.map((category, index) => [category, index]));
  const remap = new Int32Array(column.dictionary.length);
  for (let code = 0; code < column.dictionary.length; code += 1) {
    const target = position.get(column.dictionary[code]);
    if (target === undefined) return column;
    remap[code] = target;
  }
  const codes = column.codes;
  for (let i = 0; i < codes.length; i += 1) if (codes[i] >= 0) codes[i] = remap[codes[i]];
  return { ...column, codes, dictionary: [...order] };
}
