import { RegistryError } from '../errors';
import type { RunRecord } from './RunRecord';

/** One condition on runs, e.g. `metrics.roc_auc >= 0.8` or `params.model = logistic`. */
export interface RunFilter {
  field: string;
  op: '=' | '!=' | '>' | '>=' | '<' | '<=';
  value: string;
}

/** A sort key, e.g. `metrics.roc_auc desc`. */
export interface RunSort {
  field: string;
  descending: boolean;
}

const FILTER =
  /^\s*((?:metrics|params|tags)\.[\w.-]+|status|kind|experiment|parentId)\s*(!=|>=|<=|=|>|<)\s*(.*?)\s*$/;

/** Parses `metrics.f1 > 0.7`; an unparsable filter is an error naming it and the syntax. */
export function parseRunFilter(text: string): RunFilter {
  const match = FILTER.exec(text);
  if (!match || match[3] === '') {
    throw new RegistryError(
      'bad-query',
      `run filter '${text}' does not parse: write 'metrics.NAME > 0.8', 'params.NAME = value', 'tags.NAME != value' or 'status = finished'`,
    );
  }
  return { field: match[1], op: match[2] as RunFilter['op'], value: match[3] };
}

/** Parses `metrics.roc_auc desc` (ascending when no direction is given). */
export function parseRunSort(text: string): RunSort {
  const [field, direction = 'asc'] = text.trim().split(/\s+/);
  if (!field || !['asc', 'desc'].includes(direction.toLowerCase())) {
    throw new RegistryError(
      'bad-query',
      `run sort '${text}' does not parse: write 'metrics.NAME desc' or 'startTime asc'`,
    );
  }
  return { field, descending: direction.toLowerCase() === 'desc' };
}

/** The value of `field` in a run: `metrics.x`, `params.x`, `tags.x`, or a top-level field. */
export function runField(run: RunRecord, field: string): number | string | undefined {
  const dot = field.indexOf('.');
  if (dot < 0) return (run as unknown as Record<string, number | string | undefined>)[field];
  const group = field.slice(0, dot);
  const key = field.slice(dot + 1);
  if (group === 'metrics') return run.metrics[key];
  if (group === 'params') return run.params[key];
  if (group === 'tags') return run.tags[key];
  return undefined;
}

/**
 * Text in code-point order, as PostgreSQL's "C" collation orders it: the same on every
 * machine (no locale) and in both stores.
 */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether `text` is a number in a filter (then a number field compares as a number). */
export function isNumericFilterValue(text: string): boolean {
  return text.trim() !== '' && Number.isFinite(Number(text));
}

/**
 * Whether a run meets a filter; numbers compare as numbers, anything else as text (in
 * code-point order). A missing field never matches.
 */
export function matchesFilter(run: RunRecord, filter: RunFilter): boolean {
  const actual = runField(run, filter.field);
  if (actual === undefined) return false;
  const numeric = typeof actual === 'number' && isNumericFilterValue(filter.value);
  const cmp = numeric ? actual - Number(filter.value) : compareText(String(actual), filter.value);
  switch (filter.op) {
    case '=':
      return cmp === 0;
    case '!=':
      return cmp !== 0;
    case '>':
      return cmp > 0;
    case '>=':
      return cmp >= 0;
    case '<':
      return cmp < 0;
    default:
      return cmp <= 0;
  }
}

/**
 * Orders runs by a sort key (numbers as numbers, text in code-point order); runs without
 * the field go last either way, and ties (or no sort at all) go newest first (by id).
 */
export function compareRuns(sort?: RunSort): (a: RunRecord, b: RunRecord) => number {
  const newestFirst = (a: RunRecord, b: RunRecord) => compareText(b.id, a.id);
  if (!sort) return newestFirst;
  return (a, b) => {
    const x = runField(a, sort.field);
    const y = runField(b, sort.field);
    if (x === undefined || y === undefined) return x === y ? newestFirst(a, b) : x === undefined ? 1 : -1;
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : compareText(String(x), String(y));
    return (sort.descending ? -order : order) || newestFirst(a, b);
  };
}
