/** The rules of the data-quality gate; README.md describes each. */
export type QualityRule =
  | 'required-column'
  | 'wrong-type'
  | 'bad-time'
  | 'too-many-categories'
  | 'missing-values'
  | 'target-missing'
  | 'single-class-target'
  | 'negative-value'
  | 'out-of-range'
  | 'not-integer'
  | 'duplicate-rows'
  | 'constant-column'
  | 'normalized-categories'
  | 'unknown-category'
  | 'rare-category';

/** One finding of the data-quality gate. */
export interface QualityIssue {
  /** The rule broken, e.g. `missing-values`, `out-of-range`, `wrong-type`. */
  rule: QualityRule;
  /** `error` rejects the dataset; `warning` is reported and the data is kept. */
  severity: 'error' | 'warning';
  column?: string;
  /** How many cells or rows break the rule. */
  count: number;
  /** A few offending row numbers (0-based), to look at. */
  exampleRows: number[];
  /** One line naming the column, the rule and the fix. */
  message: string;
}

/** What the gate found and did. `passed` is false when any issue is an error. */
export interface QualityReport {
  dataset: string;
  rows: number;
  columns: number;
  passed: boolean;
  issues: QualityIssue[];
  /** Missing cells filled in per column (median or most frequent value); filled by prepareDataset. */
  imputed: Record<string, number>;
  /** Cells of each categorical feature whose spelling normalisation changed (trim, lower case). */
  normalized: Record<string, number>;
  /** Rows that repeat an earlier row exactly. */
  duplicateRows: number;
  /** Rows prepareDataset removed (duplicates, when `duplicateRows` is `'drop'`). */
  droppedRows: number;
}

/** The report as a few readable lines, for stderr. */
export function formatQualityReport(report: QualityReport): string {
  const head = `${report.passed ? 'PASSED' : 'REJECTED'}: ${report.dataset}, ${report.rows} rows × ${report.columns} columns`;
  const lines = report.issues.map(
    (issue) =>
      `  ${issue.severity === 'error' ? 'error  ' : 'warning'} ${issue.message}${
        issue.exampleRows.length ? ` (e.g. rows ${issue.exampleRows.join(', ')})` : ''
      }`,
  );
  const normalized = Object.entries(report.normalized ?? {}).filter(([, count]) => count > 0);
  if (normalized.length)
    lines.push(
      `  normalised spellings: ${normalized.map(([column, count]) => `${column} ${count}`).join(', ')}`,
    );
  if (report.droppedRows) lines.push(`  dropped rows: ${report.droppedRows}`);
  const imputed = Object.entries(report.imputed).filter(([, count]) => count > 0);
  if (imputed.length)
    lines.push(`  imputed: ${imputed.map(([column, count]) => `${column} ${count}`).join(', ')}`);
  return [head, ...lines].join('\n');
}
