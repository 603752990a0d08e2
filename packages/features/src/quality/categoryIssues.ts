import type { ColumnSpec } from '../schema/DatasetSchema';
import type { CategoricalColumn } from '../table/DataTable';
import { normalizeCategory } from './normalizeCategory';
import type { QualityIssue } from './QualityReport';

/**
 * The category rules of a (normalised) categorical feature: values outside the
 * schema's `categories` (`unknown-category`) and categories rarer than
 * `rareShare` of the rows (`rare-category`). Both are warnings: the data is kept,
 * and the one-hot encoder maps unknown values to all zeros.
 */
export function categoryIssues(
  spec: ColumnSpec,
  column: CategoricalColumn,
  rareShare: number,
  limit: number,
): QualityIssue[] {
  const counts = new Int32Array(column.dictionary.length);
  for (const code of column.codes) if (code >= 0) counts[code] += 1;
  const issues: QualityIssue[] = [];
  if (spec.categories) {
    const known = new Set(spec.categories.map(normalizeCategory));
    const unknown = column.dictionary.map((value) => !known.has(value));
    const found = collect(column.codes, (code) => unknown[code], limit);
    if (found.count) {
      const values = column.dictionary.filter((_, code) => unknown[code] && counts[code] > 0);
      issues.push({
        rule: 'unknown-category',
        severity: 'warning',
        column: spec.name,
        count: found.count,
        exampleRows: found.rows,
        message: `column '${spec.name}' has ${found.count} values outside the schema's categories (${quoteList(values)}): models encode them as all zeros; add them to the schema or fix the data`,
      });
    }
  }
  const threshold = rareShare * column.codes.length;
  const rare = column.dictionary.map((_, code) => counts[code] > 0 && counts[code] < threshold);
  const found = collect(column.codes, (code) => rare[code], limit);
  if (found.count) {
    const listed = column.dictionary
      .map((value, code) => ({ value, count: counts[code] }))
      .filter((_, code) => rare[code]);
    issues.push({
      rule: 'rare-category',
      severity: 'warning',
      column: spec.name,
      count: found.count,
      exampleRows: found.rows,
      message: `column '${spec.name}' has ${listed.length} categories in under ${100 * rareShare} % of rows (${listed
        .slice(0, 3)
        .map(({ value, count }) => `'${value}' ×${count}`)
        .join(
          ', ',
        )}${listed.length > 3 ? ', …' : ''}): their one-hot columns will be noisy; consider grouping them`,
    });
  }
  return issues;
}

function collect(
  codes: Int32Array,
  hit: (code: number) => boolean,
  limit: number,
): { count: number; rows: number[] } {
  const rows: number[] = [];
  let count = 0;
  for (let row = 0; row < codes.length; row += 1) {
    const code = codes[row];
    if (code < 0 || !hit(code)) continue;
    count += 1;
    if (rows.length < limit) rows.push(row);
  }
  return { count, rows };
}

function quoteList(values: string[]): string {
  return `${values
    .slice(0, 3)
    .map((value) => `'${value}'`)
    .join(', ')}${values.length > 3 ? `, … ${values.length} in all` : ''}`;
}
