/** Options of the data-quality gate: `checkQuality`, `prepareDataset` and `runQualityRules`. */
export interface QualityOptions {
  /** A column with a larger share of missing cells rejects the dataset. @default 0.05 */
  maxMissingShare?: number;
  /** How many offending rows each issue lists. @default 5 */
  exampleRows?: number;
  /**
   * What exact duplicate rows do: `'drop'` reports them as a warning and
   * prepareDataset removes the repeats, `'reject'` makes them an error, `'keep'`
   * reports and keeps them. @default 'drop'
   */
  duplicateRows?: 'drop' | 'reject' | 'keep';
  /** A category in fewer than this share of rows is reported as rare. @default 0.005 */
  rareCategoryShare?: number;
  /**
   * Most distinct values of a categorical feature; more (or more than half the
   * rows) rejects the dataset, so one-hot encoding stays bounded. @default 1000
   */
  maxCategories?: number;
}
