import type { UiRunDetail } from '../uiTypes';
import { type Child, el, fmt, table } from './dom';
import { modelHref, runHref } from './router';
import { statusBadge, valueText } from './runsPage';

/**
 * A run's page (`/ui/runs/<id>`): what it was, when, how it ended, its params,
 * metrics and tags, the files kept with it, the data it used (and any version
 * registered from it), and its children when it is a study.
 */
export function runPage(detail: UiRunDetail): HTMLElement {
  const { run, data } = detail;
  return el(
    'section',
    {},
    el('p', {}, el('a', { href: '/ui/runs', 'data-route': true }, '← all runs')),
    el('h1', {}, 'Run ', el('code', { id: 'run-id' }, run.id)),
    el(
      'dl',
      { class: 'facts', id: 'run-facts' },
      fact('experiment', run.experiment),
      fact('kind', run.kind),
      fact('status', statusBadge(run.status)),
      fact(
        'parent',
        run.parent_id ? el('a', { href: runHref(run.parent_id), 'data-route': true }, run.parent_id) : 'none',
      ),
      fact('started', run.start_time),
      fact('ended', run.end_time ?? 'not yet'),
      fact('duration', duration(run.start_time, run.end_time)),
      run.error ? fact('error', el('span', { class: 'error' }, run.error)) : '',
      fact('process', detail.pid === null ? '–' : `${detail.pid} on ${detail.host ?? '?'}`),
    ),
    el('h2', {}, 'Params'),
    pairs('run-params', run.params),
    el('h2', {}, 'Metrics'),
    pairs('run-metrics', run.metrics),
    el('h2', {}, 'Tags'),
    pairs('run-tags', run.tags),
    el('h2', {}, 'Data'),
    el(
      'dl',
      { class: 'facts', id: 'run-data' },
      fact(
        'file',
        data.path === null ? 'not recorded' : data.from_parent ? `${data.path} (its study's)` : data.path,
      ),
      fact(
        'registered as',
        data.versions.length
          ? el(
              'span',
              {},
              ...data.versions.flatMap((v, i) => [
                i ? ', ' : '',
                el('a', { href: modelHref(v.model), 'data-route': true }, `${v.model} v${v.version}`),
                ` (data ${v.data_hash.slice(0, 12)}…, ${v.data_rows} rows)`,
              ]),
            )
          : 'no model version',
      ),
    ),
    el('h2', {}, 'Artifacts'),
    detail.artifacts.length
      ? table('run-artifacts', ['file', 'size'], detail.artifacts, (a) => [a.name, bytesText(a.bytes)])
      : el('p', { id: 'run-artifacts-empty' }, 'No file kept with this run.'),
    detail.children.length ? el('h2', {}, `Child runs (${detail.children.length})`) : '',
    detail.children.length
      ? table('run-children', ['run', 'kind', 'status', 'started'], detail.children, (child) => [
          el('a', { href: runHref(child.id), 'data-route': true }, child.id),
          child.kind,
          statusBadge(child.status),
          child.start_time,
        ])
      : '',
  );
}

function fact(name: string, value: Child): HTMLElement {
  return el('div', {}, el('dt', {}, name), el('dd', {}, value));
}

/** A two-column table of a record's entries, sorted by name, or a line saying it is empty. */
function pairs(id: string, record: Readonly<Record<string, number | string>>): HTMLElement {
  const entries = Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length === 0) return el('p', { id, class: 'muted' }, 'none');
  return table(id, ['name', 'value'], entries, ([name, value]) => [
    name,
    typeof value === 'number' ? fmt(value) : valueText(value),
  ]);
}

function duration(start: string, end: string | null): string {
  if (end === null) return '–';
  const ms = Date.parse(end) - Date.parse(start);
  if (!Number.isFinite(ms)) return '–';
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function bytesText(bytes: number | null): string {
  if (bytes === null) return 'missing from the run folder';
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}
