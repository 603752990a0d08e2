import type { ColumnSpec } from '../schema/DatasetSchema';
import type { QualityIssue } from './QualityReport';

/**
 * The value rules of a numeric column: negative values where the schema's minimum
 * is 0 or more (`negative-value`), other values outside `[min, max]`
 * (`out-of-range`), and fractions where the schema wants whole numbers
 * (`not-integer`). Missing cells are left to the missing-value rule.
 */
export function rangeIssues(spec: ColumnSpec, values: Float64Array, limit: number): QualityIssue[] {
  const min = spec.min ?? Number.NEGATIVE_INFINITY;
  const max = spec.max ?? Number.POSITIVE_INFINITY;
  const forbidsNegative = spec.min !== undefined && spec.min >= 0;
  const negative = new Finding(limit);
  const outside = new Finding(limit);
  const fractional = new Finding(limit);
  for (let row = 0; row < values.length; row += 1) {
    const value = values[row];
    if (Number.isNaN(value)) continue;
    if (value < 0 && forbidsNegative) negative.add(row, value);
    else if (value < min || value > max) outside.add(row, value);
    if (spec.integer && !Number.isInteger(value)) fractional.add(row, value);
  }
  const issues: QualityIssue[] = [];
  const range = `[${spec.min ?? '-∞'}, ${spec.max ?? '∞'}]`;
  if (negative.count) {
    issues.push(
      negative.issue(
        'negative-value',
        spec.name,
        `column '${spec.name}' has ${negative.count} negative values such as ${negative.sample} but its schema's minimum is ${spec.min}: fix them at the source (or lower the schema's min if they are valid, e.g. returns)`,
      ),
    );
  }
  if (outside.count) {
    issues.push(
      outside.issue(
        'out-of-range',
        spec.name,
        `column '${spec.name}' has ${outside.count} values outside ${range} such as ${outside.sample}: correct them or widen the schema's range`,
      ),
    );
  }
  if (fractional.count) {
    issues.push(
      fractional.issue(
        'not-integer',
        spec.name,
        `column '${spec.name}' must hold whole numbers but has ${fractional.count} fractions such as ${fractional.sample}: round them or drop 'integer' from the schema`,
      ),
    );
  }
  return issues;
}

class Finding {
  count = 0;
  sample = Number.NaN;
  readonly rows: number[] = [];

  constructor(private readonly limit: number) {}

  add(row: number, value: number): void {
    if (this.count === 0) this.sample = value;
    this.count += 1;
    if (this.rows.length < this.limit) this.rows.push(row);
  }

  issue(rule: QualityIssue['rule'], column: string, message: string): QualityIssue {
    return { rule, severity: 'error', column, count: this.count, exampleRows: this.rows, message };
  }
}
