import { timeAxisLabels } from '../../report/timeAxisLabels';
import type { UiDriftReport, UiDriftResponse, UiFeatureDrift } from '../uiTypes';
import type { MonitoringCharts } from './chartsApi';
import { type Child, el, fmt, table } from './dom';
import { type MonitoringQuery, monitoringHref } from './router';

/** Lines drawn on the drift-over-time chart: the most drifted features of the opened check. */
const MAX_LINES = 8;

/** A section of the monitoring view and how to draw its charts once it is in the document. */
export interface MonitoringSection {
  element: HTMLElement;
  draw(charts: MonitoringCharts): void;
}

/**
 * Drift (`/api/ui/models/<name>/drift`): the stored checks of the range as drift scores
 * over time (one line per feature, the threshold at 1) and as a table whose rows open a
 * check; the opened check's features, most drifted first, each a link to its drill-down
 * (test, statistic, p-value, reference and current distributions, quantiles, missing
 * shares, unseen categories); and, when labels were joined, performance over time.
 */
export function driftSection(data: UiDriftResponse, query: MonitoringQuery): MonitoringSection {
  const name = data.model;
  const report = data.report;
  const overTime = el('div', { class: 'line-chart', id: 'drift-over-time' });
  const feature = report ? pickedFeature(report, query.feature) : undefined;
  const distribution = el('div', { class: 'line-chart', id: 'feature-distribution' });
  const performanceCharts = report?.performance
    ? Object.keys(report.performance.registered)
        .filter((metric) => report.performance?.over_time.some((p) => metric in p.metrics))
        .map((metric) =>
          el('div', { class: 'small-chart', id: `performance-${metric}`, 'data-metric': metric }),
        )
    : [];
  const element = el(
    'section',
    { id: 'drift' },
    el('h2', {}, 'Drift'),
    data.checks.length === 0
      ? el(
          'p',
          { id: 'no-checks', class: 'muted' },
          `No drift check of ${data.version === null ? name : `${name} v${data.version}`} in this range: run pnpm monitor run --model ${name} (or --watch 15m) to store one.`,
        )
      : el(
          'div',
          {},
          el(
            'p',
            { class: 'muted' },
            'Each point is one stored check (monitor run), placed at its window’s newest prediction. Score 1 is the test’s threshold; above it the feature drifted.',
          ),
          overTime,
          table(
            'drift-checks',
            ['check', 'version', 'window', 'predictions', 'level', 'drifted', 'newest prediction'],
            [...data.checks].reverse(),
            (c) => [
              el(
                'a',
                { href: monitoringHref(name, { ...query, report: c.id, feature: null }), 'data-route': true },
                c.generated_at,
              ),
              `v${c.version}`,
              c.window,
              c.predictions,
              el('span', { class: `badge ${c.level.replace(/ /g, '-')}` }, c.level),
              `${c.drifted}/${c.tested}`,
              c.last,
            ],
            (c) => (c.id === report?.id ? 'opened' : ''),
          ),
        ),
    report ? openedCheck(report, name, query, feature, distribution) : '',
    el('h2', {}, 'Performance on labelled traffic'),
    report?.performance
      ? el(
          'div',
          { id: 'performance' },
          el(
            'p',
            { class: 'muted' },
            `${report.performance.rows} labelled predictions of this check (monitor run --labels), in stretches of time, against v${report.version}'s test metrics (dashed).`,
          ),
          el('div', { class: 'small-charts' }, ...performanceCharts),
        )
      : el(
          'p',
          { id: 'no-performance', class: 'muted' },
          'This check joined no labels: run monitor run --labels labels.csv to score live predictions against the version’s test metrics.',
        ),
  );
  return {
    element,
    draw(charts) {
      if (data.checks.length && report) {
        const time = timeAxisLabels(data.checks.map((c) => c.last ?? c.generated_at));
        const columns = report.features.slice(0, MAX_LINES).map((f) => f.column);
        charts.lines(overTime, {
          title: 'Drift score per feature, by check',
          labels: time.labels,
          caption: time.caption,
          yName: 'score',
          min: 0,
          lines: columns.map((column) => ({
            name: column,
            values: data.checks.map((c) => c.scores[column] ?? null),
          })),
          reference: { value: 1, name: 'threshold' },
        });
      }
      if (feature?.distribution) {
        const d = feature.distribution;
        charts.distribution(distribution, d.labels, d.reference, d.current);
      }
      for (const chart of performanceCharts) {
        const metric = chart.dataset.metric ?? '';
        const performance = report?.performance;
        if (!performance) continue;
        const time = timeAxisLabels(performance.over_time.map((p) => p.start));
        charts.lines(chart, {
          title: metric,
          labels: time.labels,
          caption: time.caption,
          yName: '',
          lines: [{ name: 'live', values: performance.over_time.map((p) => p.metrics[metric] ?? null) }],
          reference: {
            value: performance.registered[metric],
            name: `test ${fmt(performance.registered[metric])}`,
          },
        });
      }
    },
  };
}

/** The feature `feature=` names, else the most drifted one. */
function pickedFeature(report: UiDriftReport, asked: string | null): UiFeatureDrift | undefined {
  return report.features.find((f) => f.column === asked) ?? report.features[0];
}

function openedCheck(
  report: UiDriftReport,
  name: string,
  query: MonitoringQuery,
  feature: UiFeatureDrift | undefined,
  distribution: HTMLElement,
): HTMLElement {
  return el(
    'div',
    { id: 'opened-check' },
    el(
      'h3',
      {},
      `Check of ${report.generated_at}: v${report.version}, window ${report.window}, ${report.predictions} predictions `,
      el('span', { class: `badge ${report.level.replace(/ /g, '-')}` }, report.level),
    ),
    table(
      'drift-features',
      ['feature', 'kind', 'test', 'statistic', 'p-value', 'threshold', 'score', 'drifted'],
      report.features,
      (f) => [
        el(
          'a',
          {
            href: monitoringHref(name, { ...query, report: query.report, feature: f.column }),
            'data-route': true,
          },
          f.column,
        ),
        f.kind,
        f.binned ? `${f.test} (logged binned)` : f.test,
        fmt(f.statistic),
        f.p_value === null ? 'no p-value' : fmt(f.p_value),
        fmt(f.threshold),
        fmt(f.drift_score),
        f.drifted ? el('span', { class: 'badge retrain' }, 'drifted') : 'no',
      ],
      (f) => [f.drifted ? 'drifted' : '', f.column === feature?.column ? 'opened' : ''].join(' ').trim(),
    ),
    report.prediction_drift
      ? el(
          'p',
          { id: 'prediction-drift' },
          `Prediction drift: ${report.prediction_drift.test} ${fmt(report.prediction_drift.statistic)} (threshold ${fmt(report.prediction_drift.threshold)}) against ${report.prediction_drift.reference}: ${report.prediction_drift.drifted ? 'drifted' : 'not drifted'}.`,
        )
      : '',
    report.not_monitored.length
      ? el(
          'details',
          { id: 'not-monitored' },
          el('summary', {}, `${report.not_monitored.length} fields not monitored`),
          table('not-monitored-table', ['field', 'reason'], report.not_monitored, (s) => [
            s.column,
            s.reason,
          ]),
        )
      : '',
    report.skipped_log_lines
      ? el('p', { class: 'muted' }, `${report.skipped_log_lines} malformed log lines skipped.`)
      : '',
    feature ? featureDetail(feature, distribution) : '',
  );
}

function featureDetail(f: UiFeatureDrift, distribution: HTMLElement): HTMLElement {
  const facts: Child[] = [
    `${f.test}${f.binned ? ' on reference-bin counts (logged binned)' : ''}: statistic ${fmt(f.statistic)}`,
    f.p_value === null ? ', no p-value' : `, p ${fmt(f.p_value)}`,
    `, threshold ${fmt(f.threshold)}, score ${fmt(f.drift_score)}: ${f.drifted ? 'drifted' : 'not drifted'}. `,
    `Missing: ${pct(f.missing.reference)} in the reference, ${pct(f.missing.current)} now.`,
  ];
  return el(
    'div',
    { id: 'feature-detail', 'data-feature': f.column },
    el('h3', {}, `Feature ${f.column}`),
    el('p', { id: 'feature-facts' }, ...facts),
    f.distribution ? distribution : el('p', { class: 'muted' }, 'The window held no value of it.'),
    f.quantiles
      ? table('feature-quantiles', ['quantile', 'reference', 'current'], f.quantiles, (q) => [
          q.level === 0 ? 'min' : q.level === 1 ? 'max' : `p${Math.round(q.level * 100)}`,
          fmt(q.reference),
          fmt(q.current),
        ])
      : '',
    f.new_categories.length
      ? table(
          'feature-new-categories',
          ['category the training data never had', 'rows'],
          f.new_categories,
          (c) => [c.category, c.count],
        )
      : '',
  );
}

const pct = (share: number) => `${Number((share * 100).toPrecision(3))} %`;
