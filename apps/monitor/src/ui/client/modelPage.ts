import type { UiModelDetail, UiVersion } from '../uiTypes';
import { alertLegend } from './alertLegend';
import { type Child, el, fmt, table } from './dom';
import { aliasList, driftCell, gateText } from './modelsPage';

/** The model page's writes: each resolves once the page is drawn again with its outcome. */
export interface ModelActions {
  promote(version: number, reason: string): Promise<void>;
  rollback(reason: string): Promise<void>;
}

/** What the last move did, or the server's refusal of it, shown once on the page drawn after it. */
export interface ActionNotice {
  text: string;
  refused: boolean;
}

/**
 * A model's page (`/ui/models/<name>`): what the model stands at, Rollback and a
 * Promote button per version (the server asks for the admin key; a refusal, the
 * gate's included, is shown beside the buttons), its versions (newest first;
 * production marked, archived greyed), each version's gate evaluation with its
 * baseline and production comparison, and the audit trail of alias moves. The page
 * is drawn again after a move or a refusal (a refused promotion is audited too), and
 * `notice` says what happened.
 */
export function modelPage(
  detail: UiModelDetail,
  actions: ModelActions,
  notice: ActionNotice | null = null,
): HTMLElement {
  const m = detail.model;
  const metricNames = [...new Set(detail.versions.flatMap((v) => Object.keys(v.metrics)))];
  const controls = actionControls(detail, actions, notice);
  return el(
    'section',
    {},
    el('p', {}, el('a', { href: '/ui/models', 'data-route': true }, '← all models')),
    el('h1', { id: 'model-name' }, m.name),
    el(
      'dl',
      { class: 'facts' },
      fact('task', m.task),
      fact('production', m.production_version === null ? 'none' : `v${m.production_version}`),
      fact('aliases', aliasList(m.aliases)),
      fact('gate', gateText(m)),
      fact('last drift check', driftCell(m)),
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
    ...detail.versions.map(versionDetails),
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
}

/**
 * The reason box, Rollback, the line saying what the last move did and the line
 * showing a refusal; `promoteButton` makes a version's Promote (none for production
 * or archived versions). While a move is in flight every button is disabled.
 */
function actionControls(
  detail: UiModelDetail,
  actions: ModelActions,
  notice: ActionNotice | null,
): { element: HTMLElement; promoteButton: (v: UiVersion) => Child } {
  const reason = el('input', {
    id: 'action-reason',
    type: 'text',
    size: 40,
    maxlength: 500,
    placeholder: 'reason (kept in the audit trail)',
    'aria-label': 'reason for the move',
  });
  const done = notice && !notice.refused ? notice.text : null;
  const refused = notice?.refused ? notice.text : null;
  const result = el('p', { id: 'action-result', role: 'status', hidden: done === null }, done ?? '');
  const refusal = el(
    'p',
    { id: 'action-error', class: 'error', role: 'alert', hidden: refused === null },
    refused ?? '',
  );
  const buttons: HTMLButtonElement[] = [];
  const run = async (move: () => Promise<unknown>) => {
    for (const button of buttons) button.disabled = true;
    refusal.hidden = true;
    result.hidden = true;
    try {
      await move();
    } catch (error) {
      refusal.textContent = error instanceof Error ? error.message : String(error);
      refusal.hidden = false;
      for (const button of buttons) button.disabled = false;
    }
  };
  const production = detail.model.production_version;
  const rollback = el(
    'button',
    {
      type: 'button',
      id: 'rollback',
      disabled: production === null,
      title: 'point production back at the version before',
    },
    'Rollback',
  );
  rollback.addEventListener('click', () => void run(() => actions.rollback(reason.value.trim())));
  buttons.push(rollback);
  const element = el(
    'div',
    { id: 'model-actions' },
    el(
      'p',
      {},
      reason,
      ' ',
      rollback,
      el(
        'span',
        { class: 'muted' },
        ' Promote and rollback go through the registry (the gate, the audit trail) and need the admin key.',
      ),
    ),
    result,
    refusal,
  );
  const promoteButton = (v: UiVersion): Child => {
    if (v.production || v.archived) return '–';
    const button = el('button', { type: 'button', class: 'promote', 'data-version': v.version }, 'Promote');
    button.addEventListener('click', () => void run(() => actions.promote(v.version, reason.value.trim())));
    buttons.push(button);
    return button;
  };
  return { element, promoteButton };
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

/** One version's gate rules, and its metrics beside the baseline's and production's at registration. */
function versionDetails(v: UiVersion): HTMLElement {
  const comparison = v.production_comparison;
  const names = [...new Set([...Object.keys(v.metrics), ...Object.keys(v.baseline_metrics)])];
  const productionHeader = comparison
    ? `production v${comparison.version}${comparison.same_rows ? ` (same ${comparison.rows} rows)` : ' (registered metrics)'}`
    : 'production (none then)';
  return el(
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
  );
}
