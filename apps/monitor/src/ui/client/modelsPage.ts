import type { UiModelSummary, UiModelsResponse } from '../uiTypes';
import { alertLegend } from './alertLegend';
import { type Child, el, table } from './dom';
import { modelHref, monitoringHref } from './router';

/** The models list (`/ui/models`): one row per model of the registry, each linking to its page. */
export function modelsPage(data: UiModelsResponse): HTMLElement {
  if (data.models.length === 0) {
    return el(
      'section',
      {},
      el('h1', {}, 'Models'),
      el('p', { id: 'empty' }, 'The registry has no model yet: train one with pnpm mlops train --name …'),
    );
  }
  return el(
    'section',
    {},
    el('h1', {}, 'Models'),
    table(
      'models',
      [
        'model',
        'task',
        'versions',
        'production',
        'aliases',
        'archived',
        'gate',
        'last drift check',
        'monitoring',
      ],
      data.models,
      (m) => [
        el('a', { href: modelHref(m.name), 'data-route': true }, m.name),
        m.task,
        m.versions,
        m.production_version === null ? 'none' : `v${m.production_version}`,
        aliasList(m.aliases),
        m.archived_versions.length ? m.archived_versions.map((v) => `v${v}`).join(', ') : 'none',
        gateText(m),
        driftCell(m),
        el('a', { href: monitoringHref(m.name), 'data-route': true, class: 'monitoring-link' }, 'monitoring'),
      ],
    ),
    el('h2', {}, 'Alert levels'),
    alertLegend(),
  );
}

/** `production → v2, staging → v3`, or 'none'. */
export function aliasList(aliases: Readonly<Record<string, number>>): string {
  const entries = Object.entries(aliases).sort(([a], [b]) => a.localeCompare(b));
  return entries.length ? entries.map(([alias, v]) => `${alias} → v${v}`).join(', ') : 'none';
}

/** The model's own gate, or the default that applies, said so. */
export function gateText(m: UiModelSummary): string {
  return m.gate ?? `default: ${m.gate_applied}`;
}

/** The last report's level with its version and time, or why there is none. */
export function driftCell(m: UiModelSummary): Child {
  if (!m.last_drift) return el('span', { class: 'muted' }, 'no report yet');
  const { level, version, generated_at } = m.last_drift;
  return el('span', {}, el('span', { class: `badge ${level}` }, level), ` v${version}, ${generated_at}`);
}
