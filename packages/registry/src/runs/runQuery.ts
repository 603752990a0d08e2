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

/** Whether a run meets a filter; numbers compare as numbers, anything else as text. A missing field never matches. */
export function matchesFilter(run: RunRecord, filter: RunFilter): boolean {
  const actual = runField(run, filter.field);
  if (actual === undefined) return false;
  const wanted = Number(filter.value);
  const numeric = typeof actual === 'number' && filter.value.trim() !== '' && Number.isFinite(wanted);
  const cmp = numeric ? actual - wanted : String(actual).localeCompare(filter.value);
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

/** Orders runs by a sort key; runs without the field go last either way. */
export function compareRuns(sort: RunSort): (a: RunRecord, b: RunRecord) => number {
  return (a, b) => {
    const x = runField(a, sort.field);
    const y = runField(b, sort.field);
    if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1;
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return sort.descending ? -order : order;
  };
}
