import { RegistryError } from '../errors';
import type { RunQuery } from '../runs/RunStore';
import { isNumericFilterValue, type RunFilter, type RunSort } from '../runs/runQuery';

/** Collects bound parameters: every value from a query goes through here, never into the SQL text. */
export class SqlParams {
  readonly values: unknown[] = [];
  /** Binds `value` and returns its placeholder (`$n`). */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

// The only SQL spliced from a query: operators and columns from these closed tables.
const OPERATORS: Readonly<Record<RunFilter['op'], string>> = {
  '=': '=',
  '!=': '<>',
  '>': '>',
  '>=': '>=',
  '<': '<',
  '<=': '<=',
};
const FILTER_COLUMNS: Readonly<Record<string, string>> = {
  status: 'r.status',
  kind: 'r.kind',
  experiment: 'r.experiment',
  parentId: 'r.parent_id',
};
const SORT_COLUMNS: Readonly<Record<string, string>> = {
  ...FILTER_COLUMNS,
  id: 'r.id',
  startTime: 'r.start_time',
  endTime: 'r.end_time',
  error: 'r.error',
  pid: 'r.pid',
  host: 'r.host',
};

/** `table[key]` only for the table's own keys (never `constructor`, `__proto__`…). */
function lookUp(table: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

function splitField(field: string): { group: string; key: string } {
  const dot = field.indexOf('.');
  return dot < 0 ? { group: '', key: field } : { group: field.slice(0, dot), key: field.slice(dot + 1) };
}

/**
 * One filter as a condition on `runs r`, with the semantics of `matchesFilter`: a
 * number field against a numeric value compares as numbers, anything else as text
 * (code-point order, the "C" collation); a missing field never matches.
 */
export function filterCondition(filter: RunFilter, params: SqlParams): string {
  const op = lookUp(OPERATORS, filter.op);
  if (!op)
    throw new RegistryError('bad-query', `run filter operator '${filter.op}' is not one of = != > >= < <=`);
  const numeric = isNumericFilterValue(filter.value);
  const { group, key } = splitField(filter.field);
  if (group === 'params') {
    const cond = numeric
      ? `(p.num ${op} ${params.add(Number(filter.value))} OR (p.num IS NULL AND p.txt ${op} ${params.add(filter.value)}))`
      : `p.txt ${op} ${params.add(filter.value)}`;
    return `EXISTS (SELECT 1 FROM run_params p WHERE p.run_id = r.id AND p.key = ${params.add(key)} AND ${cond})`;
  }
  if (group === 'metrics') {
    const cond = numeric
      ? `m.value ${op} ${params.add(Number(filter.value))}`
      : `m.value::text COLLATE "C" ${op} ${params.add(filter.value)}`;
    return `EXISTS (SELECT 1 FROM run_metrics m WHERE m.run_id = r.id AND m.key = ${params.add(key)} AND ${cond})`;
  }
  if (group === 'tags')
    return `(r.tags ->> ${params.add(key)}) COLLATE "C" ${op} ${params.add(filter.value)}`;
  const column = group === '' ? lookUp(FILTER_COLUMNS, key) : undefined;
  // Any other field is absent from every run, and a missing field never matches (as in matchesFilter).
  if (!column) return 'FALSE';
  return `${column} ${op} ${params.add(filter.value)}`;
}

/**
 * How a sort is run. Params and metrics live in their own rows, so a sort on one is two
 * steps: the runs that have it (`join`, ordered through its index), then the runs that
 * do not (`missing`, newest first), as the filesystem store puts them last.
 */
export interface SortPlan {
  /** Joined to `runs r` for the runs that have the key (params, metrics). */
  join?: string;
  /** The condition picking the runs without the key (params, metrics). */
  missing?: string;
  orderBy: string;
}

/** The SQL of a sort; ties and runs without the field go newest first (by id), as `compareRuns` does. */
export function sortPlan(sort: RunSort | undefined, params: SqlParams): SortPlan {
  if (!sort) return { orderBy: 'r.id DESC' };
  const dir = sort.descending ? 'DESC' : 'ASC';
  const { group, key } = splitField(sort.field);
  if (group === 'metrics') {
    const bound = params.add(key);
    return {
      join: `JOIN run_metrics s ON s.run_id = r.id AND s.key = ${bound}`,
      missing: `NOT EXISTS (SELECT 1 FROM run_metrics s WHERE s.run_id = r.id AND s.key = ${bound})`,
      orderBy: `s.value ${dir}, r.id DESC`,
    };
  }
  if (group === 'params') {
    const bound = params.add(key);
    return {
      join: `JOIN run_params s ON s.run_id = r.id AND s.key = ${bound}`,
      missing: `NOT EXISTS (SELECT 1 FROM run_params s WHERE s.run_id = r.id AND s.key = ${bound})`,
      // A param holding numbers in some runs and text in others: its numbers come first.
      orderBy: `s.num ${dir} NULLS LAST, s.txt ${dir}, r.id DESC`,
    };
  }
  if (group === 'tags')
    return { orderBy: `(r.tags ->> ${params.add(key)}) COLLATE "C" ${dir} NULLS LAST, r.id DESC` };
  const column = group === '' ? lookUp(SORT_COLUMNS, key) : undefined;
  // Any other field is absent from every run, as in the filesystem store: newest first.
  return { orderBy: column ? `${column} ${dir} NULLS LAST, r.id DESC` : 'r.id DESC' };
}

/** Whether a sort needs the two steps of {@link SortPlan} (a sort on a param or a metric). */
export function sortsOnKeyRows(sort: RunSort | undefined): boolean {
  return sortPlan(sort, new SqlParams()).join !== undefined;
}

/**
 * The statement listing the ids of the runs that match `query`, in order: `present`
 * (all runs, or those having the sort key) or `missing` (those without it), at most `limit`.
 */
export function runPageQuery(
  query: RunQuery,
  part: 'present' | 'missing',
  limit: number | undefined,
): { sql: string; params: unknown[] } {
  const params = new SqlParams();
  const plan = sortPlan(query.sort, params);
  const where = (query.filters ?? []).map((filter) => filterCondition(filter, params));
  if (part === 'missing' && plan.missing) where.push(plan.missing);
  const join = part === 'present' && plan.join ? ` ${plan.join}` : '';
  const orderBy = part === 'missing' ? 'r.id DESC' : plan.orderBy;
  const sql = [
    `SELECT r.id FROM runs r${join}`,
    where.length > 0 ? `WHERE ${where.join(' AND ')}` : '',
    `ORDER BY ${orderBy}`,
    limit === undefined ? '' : `LIMIT ${params.add(limit)}`,
  ]
    .filter(Boolean)
    .join(' ');
  return { sql, params: params.values };
}
