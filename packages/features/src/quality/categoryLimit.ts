/** Most distinct values a categorical feature may have, unless the caller sets another limit. */
export const DEFAULT_MAX_CATEGORIES = 1000;

/** Below this many categories no feature is refused for its share of the rows. */
const SMALL_TABLE_FLOOR = 20;

/**
 * The most categories a categorical feature of a `rows`-row table may have: by
 * default 1,000 and at most half the rows (a column with a value per row or two
 * identifies rows, it does not describe them); a `maxCategories` the user chose
 * is the limit alone. One-hot encoding gives each category a column, so this is
 * what keeps memory bounded whatever the input.
 */
export function categoryLimit(rows: number, maxCategories?: number): number {
  if (maxCategories !== undefined) return maxCategories;
  return Math.min(DEFAULT_MAX_CATEGORIES, Math.max(SMALL_TABLE_FLOOR, Math.floor(rows / 2)));
}

/** The one-line refusal of a feature with too many categories, naming the fixes. */
export function tooManyCategoriesMessage(
  column: string,
  distinct: number,
  rows: number,
  limit: number,
): string {
  return `column '${column}' has ${distinct} distinct values in ${rows} rows, over the limit of ${limit} for a categorical feature (one-hot encoding would give it ${distinct} columns): mark it as an identifier (--id-columns ${column}), leave it out (--exclude ${column}), or group its values`;
}
