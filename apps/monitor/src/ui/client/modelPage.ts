import type { UiModelDetail, UiVersion } from '../uiTypes';
import { alertLegend } from './alertLegend';
import type { ShownPage } from './comparePage';
import { type Child, el, fmt, table } from './dom';
import { type ActionNotice, actionControls, type ModelActions } from './modelActionControls';
import { aliasList, driftCell, gateText } from './modelsPage';
import { monitoringHref } from './router';
import { importanceBlock } from './versionImportance';

/**
 * A model's page (`/ui/models/<name>`): what the model stands at, Rollback and a
 * Promote button per version (the server asks for the admin key; a refusal, the
 * gate's included, is shown beside the buttons), its versions (newest first;
 * production marked, archived greyed), each version's gate evaluation with its
 * baseline and production comparison, and the audit trail of alias moves. The page
 * is drawn again after a move or a refusal (a refused promotion is audited too), and
 * `notice` says what happened. Each version's block holds its global importance, loaded
 * when the block is opened (production's, open from the start, once the page is mounted).
 */
export function modelPage(
  detail: UiModelDetail,
  actions: ModelActions,
  notice: ActionNotice | null = null,
  picker: HTMLElement | string = '',
): ShownPage {
  const m = detail.model;
  const blocks = detail.versions.map((v) => versionDetails(m.name, v));
  const metricNames = [...new Set(detail.versions.flatMap((v) => Object.keys(v.metrics)))];
  const controls = actionControls(detail, actions, notice);
  const page = el(
    'section',
    {},
    el('p', {}, el('a', { href: '/ui/models', 'data-route': true }, '← all models'), ' ', picker),
    el('h1', { id: 'model-name' }, m.name),
    el(
      'dl',
      { class: 'facts' },
      fact('task', m.task),
      fact('production', m.production_version === null ? 'none' : `v${m.production_version}`),
      fact('aliases', aliasList(m.aliases)),
      fact('gate', gateText(m)),
      fact('last drift check', driftCell(m)),
      fact(
        'monitoring',
        el(
          'span',
          {},
          el(
            'a',
            { id: 'monitoring-link', href: monitoringHref(m.name), 'data-route': true },
            'drift, serving and replicas',
          ),
          m.production_version === null
            ? ''
            : el(
                'span',
                {},
                ' (',
                el(
                  'a',
                  {
                    href: monitoringHref(m.name, { version: String(m.production_version) }),
                    'data-route': true,
                  },
                  `production v${m.production_version} only`,
                ),
                ')',
              ),
        ),
      ),
    ),
    alertLegend(),
    controls.element,
    el('h2', {}, 'Versions'),
    table(
      'versions',
      [
        'version',
        'aliases',
        'kind',
        'created',
        ...metricNames,
        'gate',
        'archived',
        'data',
        'params',
        'action',
      ],
      detail.versions,
      (v) => [
        versionCell(v),
        v.aliases.join(', ') || '–',
        v.kind,
        v.created_at,
        ...metricNames.map((name) => fmt(v.metrics[name])),
        el('span', { class: v.gate.passed ? 'passed' : 'failed' }, v.gate.passed ? 'passed' : 'failed'),
        v.archived ? 'archived' : 'no',
        el('span', { title: v.data_hash }, `${v.data_hash.slice(0, 12)}… (${v.data_rows} rows)`),
        paramsText(v.params),
        controls.promoteButton(v),
      ],
      (v) => [v.production ? 'production' : '', v.archived ? 'archived' : ''].filter(Boolean).join(' '),
    ),
    el('h2', {}, 'Gate evaluation and comparison'),
    ...blocks.map((b) => b.element),
    el('h2', {}, 'Audit trail'),
    detail.audit.length
      ? table(
          'audit',
          ['time', 'actor', 'action', 'alias', 'from → to', 'forced', 'gate', 'reason'],
          detail.audit,
          (e) => [
            e.time,
            e.actor,
            e.action,
            e.alias,
            `${e.from === null ? '–' : `v${e.from}`} → ${e.to === null ? '–' : `v${e.to}`}`,
            e.forced ? 'forced' : 'no',
            e.gate_passed === null ? '–' : e.gate_passed ? 'passed' : 'failed',
            e.reason,
          ],
        )
      : el('p', { id: 'audit-empty' }, 'No alias moves yet.'),
  );
  return {
    page,
    // The render counts as finished once the open blocks' importance is drawn.
    mounted: async () => {
      await Promise.all(blocks.filter((b) => b.element.open).map((b) => b.load()));
    },
  };
}

function fact(name: string, value: Child): HTMLElement {
  return el('div', {}, el('dt', {}, name), el('dd', {}, value));
}

function versionCell(v: UiVersion): Child {
  return v.production
    ? el('b', {}, `v${v.version} `, el('span', { class: 'badge passed' }, 'production'))
    : `v${v.version}`;
}

function paramsText(params: Readonly<Record<string, number>>): string {
  const entries = Object.entries(params);
  return entries.length ? entries.map(([k, value]) => `${k}=${value}`).join(', ') : '–';
}

/**
 * One version's gate rules, its metrics beside the baseline's and production's at
 * registration, and its global importance (loaded when opened).
 */
function versionDetails(model: string, v: UiVersion): { element: HTMLDetailsElement; load(): Promise<void> } {
  const importance = importanceBlock(model, v.version);
  const comparison = v.production_comparison;
  const names = [...new Set([...Object.keys(v.metrics), ...Object.keys(v.baseline_metrics)])];
  const productionHeader = comparison
    ? `production v${comparison.version}${comparison.same_rows ? ` (same ${comparison.rows} rows)` : ' (registered metrics)'}`
    : 'production (none then)';
  const element = el(
    'details',
    { id: `version-${v.version}`, open: v.production },
    el('summary', {}, `v${v.version}: gate ${v.gate.passed ? 'passed' : 'failed'}`),
    table(
      `comparison-${v.version}`,
      ['metric', `v${v.version}`, 'baseline', productionHeader],
      names,
      (name) => [
        name,
        fmt(v.metrics[name]),
        fmt(v.baseline_metrics[name]),
        comparison ? fmt(comparison.metrics[name]) : '–',
      ],
    ),
    comparison?.error
      ? el('p', { class: 'error' }, `production could not be scored: ${comparison.error}`)
      : '',
    v.gate.rules.length
      ? table(
          `gate-${v.version}`,
          ['rule', 'value', 'threshold', 'against', 'result', 'note'],
          v.gate.rules,
          (r) => [
            r.rule,
            fmt(r.value),
            fmt(r.threshold),
            r.against,
            el('span', { class: r.passed ? 'passed' : 'failed' }, r.passed ? 'ok' : 'missed'),
            r.note ?? '',
          ],
        )
      : el('ul', { id: `gate-${v.version}` }, ...v.gate.checks.map((check) => el('li', {}, check))),
    importance.element,
  );
  element.addEventListener('toggle', () => {
    if (element.open) void importance.load();
  });
  return { element, load: importance.load };
}
