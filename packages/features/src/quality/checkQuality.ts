import type { ColumnSpec, DatasetSchema } from '../schema/DatasetSchema';
import type { DataTable } from '../table/DataTable';
import type { QualityIssue, QualityReport } from './QualityReport';

/** Options of {@link checkQuality}. */
export interface QualityOptions {
  /** A column with a larger share of missing cells rejects the dataset. @default 0.05 */
  maxMissingShare?: number;
  /** How many offending rows each issue lists. @default 5 */
  exampleRows?: number;
}

/**
 * Runs the data-quality gate on a table against its schema: required columns,
 * column types, missing values, ranges, and a target with something to learn.
 */
export function checkQuality(
  table: DataTable,
  schema: DatasetSchema,
  options: QualityOptions = {},
): QualityReport {
  const maxMissing = options.maxMissingShare ?? 0.05;
  const examples = options.exampleRows ?? 5;
  const issues: QualityIssue[] = [];

  for (const spec of schema.columns) {
    if (!table.has(spec.name)) {
      issues.push({
        rule: 'required-column',
        severity: 'error',
        column: spec.name,
        count: table.numRows,
        exampleRows: [],
        message: `column '${spec.name}' is missing: the ${schema.name} schema requires it (${spec.description || spec.type})`,
      });
      continue;
    }
    const column = table.column(spec.name);
    if (spec.type === 'numeric' && column.kind === 'categorical') {
      const rows = textRows(column.codes, column.dictionary, examples);
      issues.push({
        rule: 'wrong-type',
        severity: 'error',
        column: spec.name,
        count: rows.count,
        exampleRows: rows.examples,
        message: `column '${spec.name}' must be numeric but holds text such as '${rows.sample}': fix or remove those cells`,
      });
      continue;
    }
    const missing = missingRows(table, spec.name, examples);
    if (spec.role === 'target' && missing.count > 0) {
      issues.push({
        rule: 'target-missing',
        severity: 'error',
        column: spec.name,
        count: missing.count,
        exampleRows: missing.examples,
        message: `target '${spec.name}' is missing in ${missing.count} rows: a label is needed on every training row`,
      });
    } else if (missing.count > maxMissing * table.numRows) {
      const share = ((100 * missing.count) / table.numRows).toFixed(1);
      issues.push({
        rule: 'missing-values',
        severity: 'error',
        column: spec.name,
        count: missing.count,
        exampleRows: missing.examples,
        message: `column '${spec.name}' has ${share} % missing values, over the ${100 * maxMissing} % limit: fill them in at the source or raise the limit`,
      });
    }
    if (spec.type === 'numeric' && column.kind === 'numeric')
      issues.push(...rangeIssues(spec, column.values, examples));
  }
  if (table.has(schema.target)) issues.push(...targetIssues(table, schema));

  return {
    dataset: schema.name,
    rows: table.numRows,
    columns: table.columns.length,
    passed: issues.every((issue) => issue.severity !== 'error'),
    issues,
    imputed: {},
  };
}

function missingRows(table: DataTable, name: string, limit: number): { count: number; examples: number[] } {
  const column = table.column(name);
  const examples: number[] = [];
  let count = 0;
  for (let i = 0; i < table.numRows; i += 1) {
    const missing = column.kind === 'numeric' ? Number.isNaN(column.values[i]) : column.codes[i] < 0;
    if (!missing) continue;
    count += 1;
    if (examples.length < limit) examples.push(i);
  }
  return { count, examples };
}

function textRows(
  codes: Int32Array,
  dictionary: readonly string[],
  limit: number,
): { count: number; examples: number[]; sample: string } {
  const isNumber = dictionary.map((value) => value.trim() !== '' && Number.isFinite(Number(value)));
  const examples: number[] = [];
  let count = 0;
  let sample = '';
  codes.forEach((code, row) => {
    if (code < 0 || isNumber[code]) return;
    count += 1;
    if (!sample) sample = dictionary[code];
    if (examples.length < limit) examples.push(row);
  });
  return { count, examples, sample };
}

function rangeIssues(spec: ColumnSpec, values: Float64Array, limit: number): QualityIssue[] {
  if (spec.min === undefined && spec.max === undefined) return [];
  const min = spec.min ?? Number.NEGATIVE_INFINITY;
  const max = spec.max ?? Number.POSITIVE_INFINITY;
  const examples: number[] = [];
  let count = 0;
  values.forEach((value, row) => {
    if (Number.isNaN(value) || (value >= min && value <= max)) return;
    count += 1;
    if (examples.length < limit) examples.push(row);
  });
  if (count === 0) return [];
  const rule = min === 0 && values[examples[0]] < 0 ? 'negative-value' : 'out-of-range';
  return [
    {
      rule,
      severity: 'error',
      column: spec.name,
      count,
      exampleRows: examples,
      message: `column '${spec.name}' has ${count} values outside [${spec.min ?? '-∞'}, ${spec.max ?? '∞'}]: correct them or widen the schema's range`,
    },
  ];
}

function targetIssues(table: DataTable, schema: DatasetSchema): QualityIssue[] {
  if (schema.task === 'regression') return [];
  const column = table.column(schema.target);
  const classes = new Set<number | string>();
  for (let i = 0; i < table.numRows && classes.size < 2; i += 1) {
    const value = table.cell(schema.target, i);
    if (value !== null) classes.add(value);
  }
  if (classes.size >= 2) return [];
  return [
    {
      rule: 'single-class-target',
      severity: 'error',
      column: column.name,
      count: table.numRows,
      exampleRows: [],
      message: `target '${schema.target}' has only one class: a ${schema.task} model needs at least two`,
    },
  ];
}
