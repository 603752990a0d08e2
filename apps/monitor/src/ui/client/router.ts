/** A page of the UI, read from the address: the address alone says what is shown, so it can be shared. */
export type Route =
  | { page: 'models' }
  | { page: 'model'; name: string }
  | { page: 'monitoring'; name: string }
  | { page: 'runs' }
  | { page: 'run'; id: string }
  | { page: 'compare' }
  | { page: 'bad-address'; message: string }
  | { page: 'not-found'; path: string };

/** The route of a pathname under `/ui` (`/ui` and `/ui/` are the models list). */
export function routeOf(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '');
  if (path === '/ui' || path === '/ui/models') return { page: 'models' };
  if (path === '/ui/runs') return { page: 'runs' };
  if (path === '/ui/compare') return { page: 'compare' };
  const run = /^\/ui\/runs\/([\w-]+)$/.exec(path);
  if (run) return { page: 'run', id: run[1] };
  const model = /^\/ui\/models\/([^/]+)(\/monitoring)?$/.exec(path);
  if (model) {
    try {
      return { page: model[2] ? 'monitoring' : 'model', name: decodeURIComponent(model[1]) };
    } catch {
      return { page: 'bad-address', message: `the model name in ${pathname} is not valid percent-encoding` };
    }
  }
  return { page: 'not-found', path: pathname };
}

/** The address of a model's page. */
export function modelHref(name: string): string {
  return `/ui/models/${encodeURIComponent(name)}`;
}

/**
 * The monitoring view's state as the address holds it
 * (`?version=&range=&report=&feature=`, or `from=&to=` for a custom range); null is the default.
 */
export interface MonitoringQuery {
  version: string | null;
  range: string | null;
  /** A custom range's start and end (ISO times), instead of `range`. */
  from: string | null;
  to: string | null;
  report: string | null;
  feature: string | null;
}

/** The monitoring query of an address's search. */
export function monitoringQueryOf(search: string): MonitoringQuery {
  const params = new URLSearchParams(search);
  return {
    version: params.get('version') || null,
    range: params.get('range') || null,
    from: params.get('from') || null,
    to: params.get('to') || null,
    report: params.get('report') || null,
    feature: params.get('feature') || null,
  };
}

/** The address of model `name`'s monitoring view in state `query` (defaults left out, so an address stays short). */
export function monitoringHref(name: string, query: Partial<MonitoringQuery> = {}): string {
  const params = new URLSearchParams();
  for (const key of ['version', 'range', 'from', 'to', 'report', 'feature'] as const) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  const text = params.toString();
  return `${modelHref(name)}/monitoring${text ? `?${text}` : ''}`;
}

/** The address of a run's page (run ids are letters, digits, '_' and '-'). */
export function runHref(id: string): string {
  return `/ui/runs/${encodeURIComponent(id)}`;
}

/** The address of the compare view of `ids` (`/ui/compare?runs=ID,ID,…`: run ids hold no comma). */
export function compareHref(ids: readonly string[]): string {
  return `/ui/compare?runs=${ids.map(encodeURIComponent).join(',')}`;
}

/** The runs table's state as the address holds it: each filter condition, the sort key, the limit. */
export interface RunsQuery {
  filters: string[];
  sort: string | null;
  limit: string | null;
}

/** The runs query of an address's `?filter=…&filter=…&sort=…&limit=…`. */
export function runsQueryOf(search: string): RunsQuery {
  const params = new URLSearchParams(search);
  return {
    filters: params.getAll('filter').filter((f) => f.trim() !== ''),
    sort: params.get('sort') || null,
    limit: params.get('limit') || null,
  };
}

/** The query string of a runs query (empty parts left out), with its leading '?' when not empty. */
export function runsSearch(query: RunsQuery): string {
  const params = new URLSearchParams();
  for (const filter of query.filters) params.append('filter', filter);
  if (query.sort) params.set('sort', query.sort);
  if (query.limit) params.set('limit', query.limit);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * The conditions of the filter box: `mlops runs list --filter` conditions joined by
 * `and` (`metrics.roc_auc > 0.8 and params.model = logistic`).
 */
export function filtersOfBox(text: string): string[] {
  return text
    .split(/\s+and\s+/i)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}
