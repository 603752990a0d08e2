import type {
  UiChallengerComparison,
  UiChallengerResponse,
  UiChallengerSummary,
  UiRoleSummary,
} from '../uiChallengerTypes';
import type { ChartLine, MonitoringCharts } from './chartsApi';
import { el, fmt, table } from './dom';
import type { MonitoringSection } from './monitoringDrift';

const pct = (share: number | null | undefined) =>
  share === null || share === undefined ? '–' : `${fmt(share * 100)} %`;

/** A role's name as the table and the chart's legend say it: `shadow v3`. */
const roleName = (r: UiRoleSummary) => `${r.role} v${r.version}`;

/**
 * Champion vs challenger (`/api/ui/models/<name>/challenger`), on the page's time range:
 * one row per role and version (count, share of the answered traffic, class shares or value
 * quantiles, latency p50/p95/p99, a shadow's agreement with the champion on the same
 * requests, a challenger's PSI and Jensen–Shannon against the champion, live metrics) and
 * the roles' prediction distributions drawn over one another. Without canary or shadow
 * records in the range, one line says so.
 */
export function challengerSection(data: UiChallengerResponse): MonitoringSection {
  const head = el('h2', {}, 'Champion vs challenger');
  const comparison = data.challenger;
  if (!comparison) {
    return {
      element: el(
        'section',
        { id: 'challenger' },
        head,
        el('p', { id: 'no-challenger', class: 'muted' }, 'No challenger traffic in this window.'),
        data.champion_version === null ? el('p', { class: 'muted' }, `${data.reason}.`) : '',
      ),
      draw() {},
    };
  }
  const chart = el('div', { class: 'line-chart', id: 'challenger-histogram' });
  const roles: (UiRoleSummary | UiChallengerSummary)[] = [comparison.champion, ...comparison.challengers];
  const element = el(
    'section',
    { id: 'challenger' },
    head,
    el(
      'p',
      { id: 'challenger-window', class: 'muted' },
      `Every record logged ${comparison.window.from} to ${comparison.window.to}, by role; the champion is production v${data.champion_version}. A shadow scores the champion's own requests (paired by request id), a canary answers others: it is compared by distribution only.`,
    ),
    table(
      'challenger-roles',
      [
        'role',
        'version',
        'predictions',
        'share of traffic',
        'distribution',
        'latency p50 / p95 / p99 (ms)',
        'agreement with champion',
        'PSI',
        'Jensen–Shannon',
        'live metrics',
      ],
      roles,
      (r) => {
        const challenger = 'distribution' in r ? r : null;
        return [
          r.role,
          `v${r.version}`,
          r.count,
          pct(r.traffic_share),
          distributionText(r),
          r.latency_ms
            ? `${fmt(r.latency_ms.p50)} / ${fmt(r.latency_ms.p95)} / ${fmt(r.latency_ms.p99)}`
            : null,
          challenger ? agreementText(challenger) : '',
          challenger ? fmt(challenger.distribution?.psi) : '',
          challenger ? fmt(challenger.distribution?.jensen_shannon) : '',
          liveText(r),
        ];
      },
      (r) => `role-${r.role}`,
    ),
    el('p', { id: 'challenger-live-source', class: 'muted' }, liveSourceText(data)),
    chart,
  );
  return {
    element,
    draw(charts: MonitoringCharts) {
      charts.histograms(chart, overlayOf(comparison));
    },
  };
}

/** Class shares, or the values' mean and quantiles (regression). */
function distributionText(r: UiRoleSummary): string {
  const p = r.predictions;
  if (p.kind === 'classes')
    return (
      Object.entries(p.shares)
        .map(([c, s]) => `${c}: ${pct(s)}`)
        .join(', ') || '–'
    );
  const q = p.quantiles;
  return `mean ${fmt(p.mean)}; p5 ${fmt(q.p05)}, p25 ${fmt(q.p25)}, p50 ${fmt(q.p50)}, p75 ${fmt(q.p75)}, p95 ${fmt(q.p95)}`;
}

function agreementText(c: UiChallengerSummary): string {
  const a = c.agreement;
  if (!a) return c.role === 'canary' ? 'other requests (canary)' : '–';
  const diff = a.mean_abs_difference === null ? '' : `, mean |difference| ${fmt(a.mean_abs_difference)}`;
  return `${pct(a.agreement_rate)} of ${a.pairs} pairs${diff}; ${a.evicted} evicted, ${a.unpaired_shadow} unpaired`;
}

/** Each metric with its difference to the version's test metric: `accuracy 0.8 (−0.05 vs test)`. */
function liveText(r: UiRoleSummary): string {
  const live = r.live_metrics;
  if (!live) return '–';
  const metrics = Object.entries(live.metrics)
    .map(([m, v]) => {
      const delta = live.delta[m];
      return delta === undefined ? `${m} ${fmt(v)}` : `${m} ${fmt(v)} (${signed(delta)} vs test)`;
    })
    .join(', ');
  return `${metrics || '–'}; ${live.matched_labels} labelled`;
}

const signed = (value: number) => (value > 0 ? `+${fmt(value)}` : value < 0 ? `−${fmt(-value)}` : '±0');

function liveSourceText(data: UiChallengerResponse): string {
  const source = data.live_metrics_source;
  if (!source)
    return 'Live metrics per role need the labels that arrived later: run monitor run --labels <file> on a window of this range, and its per-role metrics show here.';
  return `Live metrics: from the check of ${source.generated_at} (monitor run --labels, report ${source.report}), on the labels joined with each role’s records of ${source.window.from} to ${source.window.to}.`;
}

/**
 * What the chart overlays, one series per role: the probability histograms (ten bins of
 * P(predicted class)) when any role logged probabilities, else the class shares, else
 * (regression) the predicted values' quantiles.
 */
export function overlayOf(comparison: UiChallengerComparison): Parameters<MonitoringCharts['histograms']>[1] {
  const roles: UiRoleSummary[] = [comparison.champion, ...comparison.challengers];
  if (roles.some((r) => r.probability_shares)) {
    return {
      title: 'P(predicted class) by role: share of each role’s predictions per bin',
      kind: 'bar',
      xName: 'probability',
      yName: 'share',
      labels: Array.from({ length: 10 }, (_, i) => `${(i / 10).toFixed(1)}–${((i + 1) / 10).toFixed(1)}`),
      series: roles
        .filter((r) => r.probability_shares)
        .map((r) => ({ name: roleName(r), values: r.probability_shares ?? [] })),
    };
  }
  const first = comparison.champion.predictions;
  if (first.kind === 'classes') {
    const classes = [
      ...new Set(
        roles.flatMap((r) => (r.predictions.kind === 'classes' ? Object.keys(r.predictions.shares) : [])),
      ),
    ].sort();
    return {
      title: 'Predicted classes by role: share of each role’s predictions',
      kind: 'bar',
      xName: 'class',
      yName: 'share',
      labels: classes,
      series: roles.map((r) => ({
        name: roleName(r),
        values: classes.map((c) =>
          r.predictions.kind === 'classes' ? (r.predictions.shares[c] ?? 0) : null,
        ),
      })),
    };
  }
  const levels = ['p05', 'p25', 'p50', 'p75', 'p95'] as const;
  return {
    title: 'Predicted values by role: quantiles',
    kind: 'line',
    xName: 'quantile',
    yName: 'prediction',
    labels: [...levels],
    series: roles.map(
      (r): ChartLine => ({
        name: roleName(r),
        values: levels.map((l) => (r.predictions.kind === 'values' ? r.predictions.quantiles[l] : null)),
      }),
    ),
  };
}
