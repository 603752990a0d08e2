import type { UiGlobalImportance } from '../uiTypes';
import { getJson } from './api';
import { loadMonitoringCharts } from './chartsApi';
import { el, fmt, table } from './dom';

/**
 * A version's global importance block on the model page: empty until `load` is called
 * (when its details are opened), then the bar chart of mean |contribution| per field
 * (ECharts, bars from zero) with its table, or the server's note when the model cannot be
 * explained ("not available for this model kind") or has no reference sample. The
 * server computes it once per version and caches it.
 */
export function importanceBlock(
  model: string,
  version: number,
): { element: HTMLElement; load(): Promise<void> } {
  const element = el(
    'div',
    { class: 'importance', id: `importance-${version}`, 'data-state': 'idle' },
    el('h3', {}, `Global importance of v${version}`),
  );
  let loading: Promise<void> | undefined;
  const show = async () => {
    element.dataset.state = 'loading';
    const status = el(
      'p',
      { class: 'muted' },
      'computing mean |contribution| per field over the reference sample…',
    );
    element.append(status);
    try {
      const g = await getJson<UiGlobalImportance>(
        `/api/ui/models/${encodeURIComponent(model)}/importance?version=${version}`,
      );
      if (!g.available) {
        // The reason starts with "not available…": shown as a sentence.
        status.replaceWith(
          el('p', { class: 'importance-note muted' }, g.reason.charAt(0).toUpperCase() + g.reason.slice(1)),
        );
        element.dataset.state = 'unavailable';
        return;
      }
      const chart = el('div', { class: 'importance-chart' });
      status.replaceWith(
        el(
          'p',
          { class: 'muted' },
          `Mean |contribution| of each input field to the ${g.output_kind} output (${g.kind}), over ${g.rows} of the ${g.reference_rows} reference rows${g.classes ? `, summed over the classes ${g.classes.join(', ')}` : ''}; a categorical field counts once.`,
        ),
        chart,
        table(`importance-table-${version}`, ['field', 'mean |contribution|'], g.fields, (f) => [
          f.field,
          fmt(f.mean_abs),
        ]),
      );
      const charts = await loadMonitoringCharts();
      charts.importance(
        chart,
        g.fields.map((f) => f.field),
        g.fields.map((f) => f.mean_abs),
        `mean |contribution| (${g.output_kind})`,
      );
      element.dataset.state = 'drawn';
    } catch (error) {
      status.replaceWith(
        el('p', { class: 'error', role: 'alert' }, error instanceof Error ? error.message : String(error)),
      );
      element.dataset.state = 'failed';
    }
  };
  return {
    element,
    load: () => {
      loading ??= show();
      return loading;
    },
  };
}
