import type { UiRun, UiRunsResponse } from '../uiTypes';
import { type Child, el, fmt } from './dom';
import { compareHref, filtersOfBox, type RunsQuery, runHref, runsSearch } from './router';

/** What the runs page shows: the API's answer, or the server's refusal of the query (the box stays, to fix it). */
export type RunsResult = { data: UiRunsResponse } | { refusal: string };

/** A column of the runs table and the sort key (`mlops runs list --sort`) its header sets. */
interface Column {
  title: string;
  field: string;
  cell: (run: UiRun) => Child;
}

/**
 * The runs table (`/ui/runs`): a filter box in the CLI's query language, headers
 * that sort (asc, then desc), and each run's children (a study's trials) under it,
 * collapsible. Filter and sort live in the address, so `go` changes the address and
 * the page is drawn again from it.
 */
export function runsPage(result: RunsResult, query: RunsQuery, go: (address: string) => void): HTMLElement {
  const box = el('input', {
    id: 'run-filter',
    name: 'filter',
    type: 'search',
    size: 60,
    placeholder: 'metrics.roc_auc > 0.8 and params.model = logistic',
    'aria-label': 'filter runs',
  });
  box.value = query.filters.join(' and ');
  const form = el('form', { id: 'run-filter-form' }, box, ' ', el('button', { type: 'submit' }, 'Filter'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    go(`/ui/runs${runsSearch({ ...query, filters: filtersOfBox(box.value) })}`);
  });
  const help = el(
    'p',
    { class: 'muted' },
    'Conditions as mlops runs list --filter takes them, joined by “and”: metrics.NAME > 0.8, params.NAME = value, tags.NAME != value, status = finished, kind = tune.',
  );
  if ('refusal' in result) {
    return el(
      'section',
      {},
      el('h1', {}, 'Runs'),
      form,
      help,
      el('p', { id: 'query-error', class: 'error', role: 'alert' }, result.refusal),
    );
  }
  const { data } = result;
  const everyRun = flatten(data.runs);
  const names = (group: 'params' | 'metrics') =>
    [...new Set(everyRun.flatMap((run) => Object.keys(run[group])))].sort();
  const columns: Column[] = [
    {
      title: 'run',
      field: 'id',
      cell: (run) => el('a', { href: runHref(run.id), 'data-route': true }, run.id),
    },
    { title: 'experiment', field: 'experiment', cell: (run) => run.experiment },
    { title: 'kind', field: 'kind', cell: (run) => run.kind },
    { title: 'status', field: 'status', cell: (run) => statusBadge(run.status) },
    { title: 'started', field: 'startTime', cell: (run) => run.start_time },
    ...names('params').map((name) => ({
      title: name,
      field: `params.${name}`,
      cell: (run: UiRun) => valueText(run.params[name]),
    })),
    ...names('metrics').map((name) => ({
      title: name,
      field: `metrics.${name}`,
      cell: (run: UiRun) => fmt(run.metrics[name]),
    })),
  ];
  const body = el('tbody', {});
  for (const run of data.runs) appendRows(body, run, columns, 0);
  const compare = compareBar(body, go);
  const head = el(
    'thead',
    {},
    el('tr', {}, el('th', {}, ''), ...columns.map((column) => sortHeader(column, query))),
  );
  return el(
    'section',
    {},
    el('h1', {}, 'Runs'),
    form,
    help,
    el(
      'p',
      { id: 'runs-count', class: 'muted' },
      `${data.matched} run${data.matched === 1 ? '' : 's'} (at most ${data.limit})${data.sort ? `, sorted by ${data.sort}` : ', newest first'}`,
    ),
    data.runs.length ? compare : '',
    data.runs.length
      ? el('table', { id: 'runs' }, head, body)
      : el(
          'p',
          { id: 'runs-empty' },
          'No run matches: train one with pnpm mlops train, or loosen the filter.',
        ),
  );
}

/**
 * The Compare button over the table: it counts the ticked runs and opens the compare
 * view of 2 to 10 of them, in the table's order (the address is the shareable view).
 */
function compareBar(body: HTMLElement, go: (address: string) => void): HTMLElement {
  const button = el('button', { type: 'button', id: 'compare', disabled: true }, 'Compare');
  const note = el('span', { id: 'compare-note', class: 'muted' }, 'Tick 2 to 10 runs to compare them.');
  const ticked = () =>
    [...body.querySelectorAll<HTMLInputElement>('input.pick:checked')].map((box) => box.value);
  body.addEventListener('change', () => {
    const n = ticked().length;
    button.disabled = n < 2 || n > 10;
    button.textContent = n ? `Compare ${n}` : 'Compare';
    note.textContent =
      n > 10 ? `${n} runs ticked: compare at most 10.` : n < 2 ? 'Tick 2 to 10 runs to compare them.' : '';
  });
  button.addEventListener('click', () => go(compareHref(ticked())));
  return el('p', { id: 'compare-bar' }, button, ' ', note);
}

/** A header linking to the same query sorted by its column: ascending first, descending on the second click. */
function sortHeader(column: Column, query: RunsQuery): HTMLElement {
  const [field, direction = 'asc'] = (query.sort ?? '').trim().split(/\s+/);
  const current = field === column.field ? direction.toLowerCase() : null;
  const next = current === 'asc' ? 'desc' : 'asc';
  const href = `/ui/runs${runsSearch({ ...query, sort: `${column.field} ${next}` })}`;
  return el(
    'th',
    { 'data-field': column.field, 'aria-sort': current === null ? undefined : `${current}ending` },
    el(
      'a',
      { href, 'data-route': true, title: `sort by ${column.field} ${next}` },
      column.title,
      current === 'asc' ? ' ▲' : current === 'desc' ? ' ▼' : '',
    ),
  );
}

/** The run's row, then its children's (indented); the toggle hides or shows every row below it. */
function appendRows(body: HTMLElement, run: UiRun, columns: readonly Column[], depth: number): HTMLElement[] {
  const toggle = run.children.length
    ? el(
        'button',
        { type: 'button', class: 'toggle', 'aria-expanded': 'true', title: 'hide or show its child runs' },
        `▾ ${run.children.length}`,
      )
    : '';
  const pick = el('input', {
    type: 'checkbox',
    class: 'pick',
    value: run.id,
    'aria-label': `compare run ${run.id}`,
  });
  const row = el(
    'tr',
    { 'data-run': run.id, class: depth > 0 ? 'child' : undefined },
    el('td', { class: 'picks' }, pick, toggle),
    ...columns.map((column, i) =>
      el('td', i === 0 && depth > 0 ? { class: `depth-${Math.min(depth, 3)}` } : {}, column.cell(run)),
    ),
  );
  body.append(row);
  const below = run.children.flatMap((child) => appendRows(body, child, columns, depth + 1));
  if (toggle instanceof HTMLButtonElement) {
    toggle.addEventListener('click', () => {
      const open = toggle.getAttribute('aria-expanded') !== 'true';
      toggle.setAttribute('aria-expanded', String(open));
      toggle.textContent = `${open ? '▾' : '▸'} ${run.children.length}`;
      for (const child of below) child.hidden = !open;
    });
  }
  return [row, ...below];
}

function flatten(runs: readonly UiRun[]): UiRun[] {
  return runs.flatMap((run) => [run, ...flatten(run.children)]);
}

/** A run's status, coloured by what it means for its results. */
export function statusBadge(status: string): HTMLElement {
  return el('span', { class: `badge status-${status}` }, status);
}

/** A param's value: numbers to 4 significant digits, text as it is. */
export function valueText(value: number | string | undefined): string {
  return typeof value === 'number' ? fmt(value) : (value ?? '–');
}
