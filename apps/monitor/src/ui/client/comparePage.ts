import type { UiCompareParam, UiCompareResponse } from '../uiTypes';
import { type CompareCharts, loadCompareCharts, type ParallelAxis } from './chartsApi';
import { type Child, el, fmt, table } from './dom';
import { runHref } from './router';
import { statusBadge, valueText } from './runsPage';

/** A page and what to do once it is in the document (charts need a laid-out element). */
export interface ShownPage {
  page: HTMLElement;
  mounted?: () => Promise<void>;
}

/**
 * The compare view (`/ui/compare?runs=ID,ID,…`): the runs side by side, their params
 * (those that differ marked), their metrics as a table and as bar charts from zero,
 * and, for trials of one study, a parallel-coordinates plot of params against the
 * study's metric. The charts come from ui-charts.js, loaded once the page is shown.
 */
export function comparePage(data: UiCompareResponse): ShownPage {
  const ids = data.runs.map((run) => run.id);
  const differing = data.params.filter((p) => p.differs).length;
  const bars = data.metrics.map((metric, i) =>
    el('div', { class: 'bar-chart', id: `bars-${i}`, 'data-metric': metric.name }),
  );
  const study = data.study ? studySection(data) : null;
  const chartsError = el('p', { id: 'charts-error', class: 'error', role: 'alert', hidden: true });
  const page = el(
    'section',
    {},
    el('p', {}, el('a', { href: '/ui/runs', 'data-route': true }, '← all runs')),
    el('h1', {}, `Compare ${ids.length} runs`),
    table('compare-runs', ['run', 'experiment', 'kind', 'status', 'started'], data.runs, (run) => [
      el('a', { href: runHref(run.id), 'data-route': true }, run.id),
      run.experiment,
      run.kind,
      statusBadge(run.status),
      run.start_time,
    ]),
    el('h2', {}, 'Params'),
    el(
      'p',
      { id: 'params-summary', class: 'muted' },
      `${differing} of ${data.params.length} params differ (marked).`,
    ),
    table(
      'compare-params',
      ['param', ...ids],
      data.params,
      (param) => [param.name, ...param.values.map((value) => (value === null ? '–' : valueText(value)))],
      (param) => (param.differs ? 'differs' : ''),
    ),
    el('h2', {}, 'Metrics'),
    data.metrics.length
      ? table('compare-metrics', ['metric', ...ids], data.metrics, (metric) => [
          metric.name,
          ...metric.values.map((value) => fmt(value)),
        ])
      : el('p', { id: 'compare-metrics', class: 'muted' }, 'None of these runs has a metric.'),
    data.metrics.length
      ? el(
          'p',
          { class: 'muted' },
          'Each bar starts at zero: its length is the value, a negative value runs left of zero (red).',
        )
      : '',
    chartsError,
    el('div', { class: 'bar-charts' }, ...bars),
    ...(study ? [study.section] : []),
  );
  const mounted = async () => {
    if (!bars.length && !study) return;
    let charts: CompareCharts;
    try {
      charts = await loadCompareCharts();
    } catch (error) {
      chartsError.textContent = (error as Error).message;
      chartsError.hidden = false;
      return;
    }
    data.metrics.forEach((metric, i) => {
      bars[i].style.height = `${48 + 26 * ids.length}px`;
      charts.metricBars(bars[i], metric.name, ids, metric.values);
    });
    study?.draw(charts);
  };
  return { page, mounted };
}

/** The study's plot: one line per trial through its params (those that differ) to its score on the metric. */
function studySection(data: UiCompareResponse): {
  section: HTMLElement;
  draw: (charts: CompareCharts) => void;
} {
  const study = data.study as NonNullable<UiCompareResponse['study']>;
  const varied = data.params.filter((p) => p.differs);
  const params = varied.length ? varied : data.params;
  const axes: ParallelAxis[] = [...params.map(axisOf), { name: study.metric, type: 'value' }];
  const lines: (number | string)[][] = [];
  data.runs.forEach((_, i) => {
    const score = study.values[i];
    const values = params.map((p) => p.values[i]);
    if (score === null || values.some((v) => v === null)) return;
    lines.push([
      ...(values as (number | string)[]).map((v, k) => (axes[k].type === 'value' ? v : String(v))),
      score,
    ]);
  });
  const left = data.runs.length - lines.length;
  const plot = el('div', { id: 'study-chart', class: 'study-chart' });
  const notes: Child[] = [
    'Trials of study ',
    el('a', { href: runHref(study.id), 'data-route': true }, study.id),
    ` (${study.experiment}): each line is a trial, through its params to its ${study.metric}.`,
    left ? ` ${left} trial${left === 1 ? '' : 's'} without a score or a param left out.` : '',
  ];
  return {
    section: el(
      'section',
      { id: 'study' },
      el('h2', {}, `Params against ${study.metric}`),
      el('p', { id: 'study-caption', class: 'muted' }, ...notes),
      plot,
    ),
    draw: (charts) => charts.studyParallel(plot, axes, lines),
  };
}

/** A numeric axis when every value the runs have is a number, else one category per distinct value. */
function axisOf(param: UiCompareParam): ParallelAxis {
  const present = param.values.filter((v) => v !== null);
  if (present.every((v) => typeof v === 'number')) return { name: param.name, type: 'value' };
  return { name: param.name, type: 'category', categories: [...new Set(present.map(String))] };
}
