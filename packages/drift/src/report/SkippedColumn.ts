/** A column a drift check did not test, and why, in the user's words. */
export interface SkippedColumn {
  column: string;
  reason: string;
}
