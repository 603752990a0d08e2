import type { DatasetSchema } from '../schema/DatasetSchema';
import { parseTimestamp } from '../schema/parseTimestamp';
import type { CategoricalColumn, Column, DataTable, NumericColumn } from '../table/DataTable';
import { categoryIssues } from './categoryIssues';
import { categoryLimit, tooManyCategoriesMessage } from './categoryLimit';
import { findDuplicateRows } from './findDuplicateRows';
import { normalizeCategoricalColumn } from './normalizeCategoricalColumn';
import type { QualityOptions } from './QualityOptions';
import type { QualityIssue, QualityReport } from './QualityReport';
import { rangeIssues } from './rangeIssues';

/** What {@link runQualityRules} returns: the gate's report plus what cleaning needs. */
export interface QualityRulesResult {
  report: QualityReport;
  /** Schema columns as cleaning should start from them (categorical features normalised). */
  columns: Map<string, Column>;
  /** Rows that repeat an earlier row exactly, ascending. */
  duplicates: Int32Array;
}

/**
 * Runs every rule of the gate (see checkQuality) and returns the report together with
 * the inputs of cleaning: the schema's columns, normalised, and the duplicate rows.
 * checkQuality keeps only the report; prepareDataset cleans with the rest.
 */
export function runQualityRules(
  table: DataTable,
  schema: DatasetSchema,
  options: QualityOptions,
): QualityRulesResult {
  const maxMissing = options.maxMissingShare ?? 0.05;
  const limit = options.exampleRows ?? 5;
  const issues: QualityIssue[] = [];
  const normalized: Record<string, number> = {};
  const columns = new Map<string, Column>();

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
    let column = table.column(spec.name);
    if (spec.role === 'time' && column.kind === 'categorical') {
      const times = parseTimes(column, limit);
      if (times.bad.count > 0) {
        issues.push({
          rule: 'bad-time',
          severity: 'error',
          column: spec.name,
          count: times.bad.count,
          exampleRows: times.bad.examples,
          message: `time column '${spec.name}' holds ${times.bad.count} values that are not dates or timestamps (${quoteList(times.bad.values)}): write times as 2024-01-31 or 2024-01-31T08:15:00Z`,
        });
        continue;
      }
      column = times.column;
    }
    if (spec.type === 'numeric' && column.kind === 'categorical') {
      const rows = textRows(column, limit);
      issues.push({
        rule: 'wrong-type',
        severity: 'error',
        column: spec.name,
        count: rows.count,
        exampleRows: rows.examples,
        message: `column '${spec.name}' is numeric but ${rows.count} of its cells are not numbers (${quoteList(rows.values)}): fix them at the source, or list missing-value spellings with --na-values`,
      });
      continue;
    }
    if (spec.type === 'categorical' && column.kind === 'numeric') column = numbersAsCategories(column);
    if (column.kind === 'categorical' && spec.role === 'feature') {
      const normal = normalizeCategoricalColumn(column, limit);
      column = normal.column;
      normalized[spec.name] = normal.changed;
      if (normal.changed) {
        issues.push({
          rule: 'normalized-categories',
          severity: 'warning',
          column: spec.name,
          count: normal.changed,
          exampleRows: normal.exampleRows,
          message: `column '${spec.name}' has ${normal.changed} values not in trimmed lower-case spelling (e.g. '${normal.example?.from}' → '${normal.example?.to}'): normalised`,
        });
      }
    }
    columns.set(spec.name, column);

    const missing = missingRows(column, limit);
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
    if (column.kind === 'numeric') issues.push(...rangeIssues(spec, column.values, limit));
    if (column.kind === 'categorical' && spec.role === 'feature') {
      const distinct = usedCategories(column);
      const most = categoryLimit(table.numRows, options.maxCategories);
      if (distinct > most) {
        issues.push({
          rule: 'too-many-categories',
          severity: 'error',
          column: spec.name,
          count: distinct,
          exampleRows: [],
          message: tooManyCategoriesMessage(spec.name, distinct, table.numRows, most),
        });
      } else {
        issues.push(...categoryIssues(spec, column, options.rareCategoryShare ?? 0.005, limit));
      }
    }
    if (spec.role === 'feature' && table.numRows > 1) {
      const constant = constantValue(column);
      if (constant !== undefined) {
        issues.push({
          rule: 'constant-column',
          severity: 'warning',
          column: spec.name,
          count: table.numRows,
          exampleRows: [],
          message: `column '${spec.name}' holds one value only (${constant}): it tells a model nothing; drop it from the features`,
        });
      }
    }
  }
  if (table.has(schema.target)) issues.push(...targetIssues(table, schema));

  const duplicates = findDuplicateRows(table);
  const policy = options.duplicateRows ?? 'drop';
  if (duplicates.rows.length) {
    const count = duplicates.rows.length;
    issues.push({
      rule: 'duplicate-rows',
      severity: policy === 'reject' ? 'error' : 'warning',
      count,
      exampleRows: Array.from(duplicates.rows.subarray(0, limit)),
      message: `${count} rows repeat an earlier row exactly (row ${duplicates.rows[0]} repeats row ${duplicates.firsts[0]}): ${
        policy === 'drop'
          ? 'the repeats are dropped'
          : policy === 'keep'
            ? 'kept as asked'
            : "remove them at the source or allow them with duplicateRows: 'drop'"
      }`,
    });
  }

  return {
    report: {
      dataset: schema.name,
      rows: table.numRows,
      columns: table.columns.length,
      passed: issues.every((issue) => issue.severity !== 'error'),
      issues,
      imputed: {},
      normalized,
      duplicateRows: duplicates.rows.length,
      droppedRows: 0,
    },
    columns,
    duplicates: duplicates.rows,
  };
}

function missingRows(column: Column, limit: number): { count: number; examples: number[] } {
  const examples: number[] = [];
  let count = 0;
  const n = column.kind === 'numeric' ? column.values.length : column.codes.length;
  for (let i = 0; i < n; i += 1) {
    const missing = column.kind === 'numeric' ? Number.isNaN(column.values[i]) : column.codes[i] < 0;
    if (!missing) continue;
    count += 1;
    if (examples.length < limit) examples.push(i);
  }
  return { count, examples };
}

/** Cells of a text column that are not numbers: how many, a few rows, and a few distinct values. */
function textRows(
  column: CategoricalColumn,
  limit: number,
): { count: number; examples: number[]; values: string[] } {
  const { codes, dictionary } = column;
  const isNumber = dictionary.map((value) => value.trim() !== '' && Number.isFinite(Number(value)));
  const examples: number[] = [];
  const values: string[] = [];
  let count = 0;
  codes.forEach((code, row) => {
    if (code < 0 || isNumber[code]) return;
    count += 1;
    if (examples.length < limit) examples.push(row);
    if (values.length < limit && !values.includes(dictionary[code])) values.push(dictionary[code]);
  });
  return { count, examples, values };
}

/** A time column written as text, parsed to epoch milliseconds; the cells that are not times. */
function parseTimes(
  column: CategoricalColumn,
  limit: number,
): { column: NumericColumn; bad: { count: number; examples: number[]; values: string[] } } {
  const parsed = column.dictionary.map(parseTimestamp);
  const values = new Float64Array(column.codes.length);
  const bad = { count: 0, examples: [] as number[], values: [] as string[] };
  column.codes.forEach((code, row) => {
    values[row] = code < 0 ? Number.NaN : parsed[code];
    if (code < 0 || !Number.isNaN(parsed[code])) return;
    bad.count += 1;
    if (bad.examples.length < limit) bad.examples.push(row);
    if (bad.values.length < limit && !bad.values.includes(column.dictionary[code]))
      bad.values.push(column.dictionary[code]);
  });
  return { column: { kind: 'numeric', name: column.name, values }, bad };
}

function usedCategories(column: CategoricalColumn): number {
  const seen = new Uint8Array(column.dictionary.length);
  let distinct = 0;
  for (const code of column.codes) {
    if (code >= 0 && !seen[code]) {
      seen[code] = 1;
      distinct += 1;
    }
  }
  return distinct;
}

function quoteList(values: readonly string[]): string {
  return values.map((value) => `'${value}'`).join(', ');
}

/** A numeric column read where the schema wants categories (e.g. zip codes) as its text. */
function numbersAsCategories(column: Extract<Column, { kind: 'numeric' }>): CategoricalColumn {
  const index = new Map<number, number>();
  const dictionary: string[] = [];
  const codes = new Int32Array(column.values.length);
  column.values.forEach((value, row) => {
    if (Number.isNaN(value)) {
      codes[row] = -1;
      return;
    }
    let code = index.get(value);
    if (code === undefined) {
      code = dictionary.length;
      dictionary.push(String(value));
      index.set(value, code);
    }
    codes[row] = code;
  });
  return { kind: 'categorical', name: column.name, codes, dictionary };
}

/** The only value a column holds, or undefined when it holds two or more. */
function constantValue(column: Column): string | undefined {
  let first: number | undefined;
  if (column.kind === 'numeric') {
    for (const value of column.values) {
      if (Number.isNaN(value)) continue;
      if (first === undefined) first = value;
      else if (value !== first) return undefined;
    }
    return first === undefined ? 'missing everywhere' : String(first);
  }
  for (const code of column.codes) {
    if (code < 0) continue;
    if (first === undefined) first = code;
    else if (code !== first) return undefined;
  }
  return first === undefined ? 'missing everywhere' : `'${column.dictionary[first]}'`;
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
