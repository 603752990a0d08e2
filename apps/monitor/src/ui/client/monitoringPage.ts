import type { UiChallengerResponse } from '../uiChallengerTypes';
import {
  UI_TIME_RANGES,
  type UiDriftResponse,
  type UiModelsResponse,
  type UiReplicasResponse,
  type UiServingResponse,
} from '../uiTypes';
import { alertLegend } from './alertLegend';
import { loadMonitoringCharts } from './chartsApi';
import type { ShownPage } from './comparePage';
import { el } from './dom';
import { challengerSection } from './monitoringChallenger';
import { driftSection } from './monitoringDrift';
import { replicasSection, servingSection } from './monitoringServing';
import { type MonitoringQuery, modelHref, monitoringHref } from './router';

/** What the monitoring view draws, fetched for one address. */
export interface MonitoringData {
  models: UiModelsResponse;
  drift: UiDriftResponse;
  serving: UiServingResponse;
  /** Champion vs challenger over the range (the production version against its canaries and shadows). */
  challenger: UiChallengerResponse;
  replicas: UiReplicasResponse;
}

/**
 * The monitoring view (`/ui/models/<name>/monitoring?version=&range=&report=&feature=`):
 * the model, version and time-range pickers (every choice is a new address, so a view
 * can be shared and back/forward work), drift over the range with the opened check's
 * per-feature drill-down, serving metrics from the prediction log, champion vs challenger
 * (canary, shadow) over the range, and the API replicas' counters. `go` moves to an address.
 */
export function monitoringPage(
  data: MonitoringData,
  query: MonitoringQuery,
  go: (address: string) => void,
): ShownPage {
  const name = data.drift.model;
  const drift = driftSection(data.drift, query);
  const serving = servingSection(data.serving);
  const challenger = challengerSection(data.challenger);
  const chartsError = el('p', { id: 'charts-error', class: 'error', role: 'alert', hidden: true });
  const page = el(
    'section',
    {},
    el('p', {}, el('a', { href: modelHref(name), 'data-route': true }, `← ${name}`)),
    el('h1', { id: 'monitoring-title' }, `Monitoring: ${name}`),
    pickers(data, query, go),
    alertLegend(),
    chartsError,
    drift.element,
    serving.element,
    challenger.element,
    replicasSection(data.replicas, name),
  );
  return {
    page,
    mounted: async () => {
      try {
        const charts = await loadMonitoringCharts();
        drift.draw(charts);
        serving.draw(charts);
        challenger.draw(charts);
      } catch (error) {
        chartsError.textContent = error instanceof Error ? error.message : String(error);
        chartsError.hidden = false;
      }
    },
  };
}

/** A select of the registry's models, `current` chosen; `pick` is called with the one chosen. */
export function modelPicker(
  names: readonly string[],
  current: string,
  pick: (name: string) => void,
): HTMLElement {
  const select = el(
    'select',
    { id: 'pick-model', 'aria-label': 'model' },
    ...names.map((name) => el('option', { value: name, selected: name === current }, name)),
  );
  select.addEventListener('change', () => pick(select.value));
  return el('label', {}, 'model ', select);
}

function pickers(data: MonitoringData, query: MonitoringQuery, go: (address: string) => void): HTMLElement {
  const name = data.drift.model;
  // Another model has other versions and checks: only the range carries over.
  const model = modelPicker(
    data.models.models.map((m) => m.name),
    name,
    (picked) => go(monitoringHref(picked, timeOf(query))),
  );
  const version = el(
    'select',
    { id: 'pick-version', 'aria-label': 'version' },
    el('option', { value: '', selected: data.drift.version === null }, 'every version'),
    ...data.drift.versions.map((v) =>
      el(
        'option',
        { value: String(v.version), selected: v.version === data.drift.version },
        `v${v.version}${v.production ? ' (production)' : ''}${v.archived ? ' (archived)' : ''}`,
      ),
    ),
  );
  version.addEventListener('change', () =>
    go(monitoringHref(name, { ...timeOf(query), version: version.value || null })),
  );
  const current = data.drift.window.range;
  const ranges = el(
    'span',
    { id: 'pick-range', role: 'group', 'aria-label': 'time range' },
    ...UI_TIME_RANGES.map((range) => {
      const button = el(
        'button',
        { type: 'button', 'data-range': range, 'aria-pressed': String(range === current) },
        range === 'all' ? 'all' : `last ${range}`,
      );
      button.addEventListener('click', () =>
        go(monitoringHref(name, { version: query.version, range: range === '24h' ? null : range })),
      );
      return button;
    }),
  );
  return el(
    'div',
    { id: 'pickers', class: 'pickers' },
    model,
    el('label', {}, 'version ', version),
    el('span', {}, 'range ', ranges),
    customRange(data, query, go),
  );
}

/** The time part of a query (a preset range, or a custom from and to), carried to another address. */
function timeOf(query: MonitoringQuery): Partial<MonitoringQuery> {
  return { range: query.range, from: query.from, to: query.to };
}

/**
 * The custom range: two datetime inputs in UTC (the times of the log and of every chart),
 * filled with the window shown, and Apply. From must be before to; otherwise the message
 * is shown beside the inputs and the address does not change. Applied, the address holds
 * `from=` and `to=` (ISO times with their zone), so the range can be shared.
 */
function customRange(
  data: MonitoringData,
  query: MonitoringQuery,
  go: (address: string) => void,
): HTMLElement {
  const window = data.drift.window;
  const input = (id: string, label: string, value: string | null) =>
    el('input', {
      id,
      type: 'datetime-local',
      step: 60,
      'aria-label': label,
      value: value ? value.slice(0, 16) : undefined,
    });
  const from = input('range-from', 'from (UTC)', window.from);
  const to = input('range-to', 'to (UTC)', window.to);
  const error = el('span', { id: 'range-error', class: 'error', role: 'alert', hidden: true });
  const apply = el('button', { type: 'submit', id: 'range-apply' }, 'Apply');
  const form = el(
    'form',
    { id: 'custom-range', class: window.range === 'custom' ? 'active' : undefined },
    el('label', {}, 'from ', from),
    ' ',
    el('label', {}, 'to ', to, ' UTC'),
    ' ',
    apply,
    ' ',
    error,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const refusal = customRangeRefusal(from.value, to.value);
    if (refusal) {
      error.textContent = refusal;
      error.hidden = false;
      return;
    }
    go(
      monitoringHref(data.drift.model, {
        version: query.version,
        from: utcTime(from.value),
        to: utcTime(to.value),
      }),
    );
  });
  return form;
}

/** Why two datetime-local values are not a range (one missing, or from not before to), or null. */
export function customRangeRefusal(from: string, to: string): string | null {
  if (!from || !to) return 'give both a from and a to time for a custom range';
  if (Date.parse(utcTime(from)) >= Date.parse(utcTime(to)))
    return `from ${from.replace('T', ' ')} is not before to ${to.replace('T', ' ')}: pick a from earlier than to`;
  return null;
}

/** A datetime-local value (`2026-01-02T10:00`, read as UTC) as an ISO time with its zone. */
function utcTime(value: string): string {
  return `${value.length === 16 ? `${value}:00` : value}Z`;
}
