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
import { driftSection } from './monitoringDrift';
import { replicasSection, servingSection } from './monitoringServing';
import { type MonitoringQuery, modelHref, monitoringHref } from './router';

/** What the monitoring view draws, fetched for one address. */
export interface MonitoringData {
  models: UiModelsResponse;
  drift: UiDriftResponse;
  serving: UiServingResponse;
  replicas: UiReplicasResponse;
}

/**
 * The monitoring view (`/ui/models/<name>/monitoring?version=&range=&report=&feature=`):
 * the model, version and time-range pickers (every choice is a new address, so a view
 * can be shared and back/forward work), drift over the range with the opened check's
 * per-feature drill-down, serving metrics from the prediction log, and the API replicas'
 * counters. `go` moves to an address.
 */
export function monitoringPage(
  data: MonitoringData,
  query: MonitoringQuery,
  go: (address: string) => void,
): ShownPage {
  const name = data.drift.model;
  const drift = driftSection(data.drift, query);
  const serving = servingSection(data.serving);
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
    replicasSection(data.replicas, name),
  );
  return {
    page,
    mounted: async () => {
      try {
        const charts = await loadMonitoringCharts();
        drift.draw(charts);
        serving.draw(charts);
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
    (picked) => go(monitoringHref(picked, { range: query.range })),
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
    go(monitoringHref(name, { range: query.range, version: version.value || null })),
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
  );
}
