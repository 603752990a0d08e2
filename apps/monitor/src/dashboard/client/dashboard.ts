// The dashboard's browser script, bundled by esbuild (scripts/bundleClient.js) with the
// parts of ECharts it draws with into /assets/dashboard.js. It reads `?model=` from the
// address itself, fetches the JSON endpoints, and writes every value with `textContent`:
// nothing from the address or the log becomes markup.
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { type ECharts, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { timeAxisLabels } from '../../report/timeAxisLabels';
import { alertLegend } from '../../ui/client/alertLegend';

// SVG, not canvas: the tests (and a person's screenshot) read real shapes.
use([BarChart, LineChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, SVGRenderer]);

interface ColumnDrift {
  column: string;
  test: string;
  statistic: number;
  p_value: number | null;
  threshold: number;
  drifted: boolean;
  binned: boolean;
}

interface Summary {
  model: string;
  live_version: number | null;
  aggregates_version: number | null;
  other_versions_rows: number;
  versions: { version: number; kind: string; created_at: string; aliases: string[] }[];
  aggregates: {
    predictions: number;
    positiveRate: number | null;
    latency: { p50: number; p90: number; p99: number } | null;
    series: {
      start: string;
      count: number;
      positiveRate: number | null;
      meanProbability: number | null;
      minutes?: number;
    }[];
    predictionHistogram: { labels: string[]; counts: number[] };
  };
  drift: {
    level: string;
    columns: ColumnDrift[];
    not_monitored: { column: string; reason: string }[];
  } | null;
  drift_note: string | null;
  recent: {
    timestamp: string;
    request_id: string;
    model_version: number;
    prediction: number | string;
    probability?: number;
    latency_ms: number;
  }[];
  skipped_log_lines: { count: number; first: { segment: string; line: number; reason: string }[] };
  generated_at: string;
  refresh_seconds: number;
}

const requested = new URLSearchParams(location.search).get('model');
const query = requested === null ? '' : `?model=${encodeURIComponent(requested)}`;
const charts: Record<string, ECharts> = {};

function byId(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element;
}

function setText(id: string, value: unknown): void {
  byId(id).textContent = value === null || value === undefined ? '–' : String(value);
}

function fmt(value: number | null | undefined, digits = 3): string {
  return value === null || value === undefined ? '–' : Number(Number(value).toPrecision(digits)).toString();
}

/** Replaces a table's body with one row per item, each cell's text set with textContent. */
function fillTable<T>(
  id: string,
  items: readonly T[],
  cells: (item: T) => unknown[],
  rowClass?: (item: T) => string,
): void {
  const body = byId(id).querySelector('tbody');
  if (!body) return;
  body.replaceChildren(
    ...items.map((item) => {
      const row = document.createElement('tr');
      const className = rowClass?.(item);
      if (className) row.className = className;
      for (const value of cells(item)) {
        const cell = document.createElement('td');
        cell.textContent = value === null || value === undefined ? '–' : String(value);
        row.append(cell);
      }
      return row;
    }),
  );
}

function chart(id: string): ECharts {
  charts[id] ??= init(byId(id), null, { renderer: 'svg' });
  return charts[id];
}

function showError(message: string): void {
  setText('level', 'error');
  const note = byId('note');
  note.textContent = message;
  note.hidden = false;
}

function render(s: Summary): void {
  const a = s.aggregates;
  setText('model', s.model);
  document.title = `Monitor: ${s.model}`;
  setText('live-version', s.live_version ?? 'none');
  setText('updated', s.generated_at);
  setText('kpi-predictions', a.predictions);
  // Counts, rates, charts and the recent list are one version's, as drift is: never two added together.
  setText(
    'scope',
    `${s.aggregates_version === null ? 'Every version' : `v${s.aggregates_version} (live) only`}${
      s.other_versions_rows
        ? `: ${s.other_versions_rows} predictions of other versions not counted (see each version on /ui/models/${s.model}/monitoring)`
        : ''
    }.`,
  );
  setText('kpi-positive-rate', fmt(a.positiveRate));
  setText('kpi-p50', fmt(a.latency?.p50));
  setText('kpi-p90', fmt(a.latency?.p90));
  setText('kpi-p99', fmt(a.latency?.p99));
  const level = byId('level');
  level.textContent = s.drift ? s.drift.level : 'nothing to compare';
  level.className = s.drift ? s.drift.level : '';
  const note = byId('note');
  note.textContent = s.drift_note ?? '';
  note.hidden = !s.drift_note;
  const columns = s.drift ? s.drift.columns : [];
  setText('kpi-drifted', s.drift ? `${columns.filter((c) => c.drifted).length}/${columns.length}` : '–');
  // Labels fitted to the span (seconds for a minute of traffic, dates for a month), as the report's.
  const time = timeAxisLabels(a.series.map((p) => p.start));
  chart('chart-series').setOption({
    title: { text: 'Predictions over time' },
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    xAxis: { type: 'category', data: time.labels, name: time.caption, nameLocation: 'middle', nameGap: 28 },
    yAxis: [
      { type: 'value', name: 'per min' },
      { type: 'value', name: 'rate', max: 1 },
    ],
    series: [
      // Whole-minute buckets; a partial last bucket is drawn as its rate, not as a drop.
      {
        name: 'predictions per minute',
        type: 'bar',
        data: a.series.map((p) => p.count / Math.max(1, p.minutes ?? 1)),
      },
      {
        name: 'positive rate',
        type: 'line',
        // Dark on the blue bars: the default light green was hard to see over them.
        color: '#b45309',
        lineStyle: { width: 2 },
        yAxisIndex: 1,
        // Buckets without a rate are gaps; the line runs across them instead of vanishing into dots.
        connectNulls: true,
        data: a.series.map((p) => p.positiveRate ?? p.meanProbability),
      },
    ],
  });
  chart('chart-histogram').setOption({
    title: { text: 'Prediction distribution' },
    tooltip: {},
    xAxis: { type: 'category', data: a.predictionHistogram.labels },
    yAxis: { type: 'value' },
    series: [{ name: 'predictions', type: 'bar', data: a.predictionHistogram.counts }],
  });
  chart('chart-drift').setOption({
    title: { text: 'Drift statistic / threshold' },
    tooltip: {},
    grid: { left: 120 },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: columns.map((c) => c.column) },
    series: [
      {
        type: 'bar',
        data: columns.map((c) => ({
          value: c.p_value === null ? c.statistic / c.threshold : c.threshold / Math.max(c.p_value, 1e-12),
          itemStyle: { color: c.drifted ? '#b91c1c' : '#2563eb' },
        })),
      },
    ],
  });
  fillTable(
    'drift',
    columns,
    (c) => [
      c.column,
      c.test + (c.binned ? ' (bins)' : ''),
      fmt(c.statistic, 4),
      fmt(c.p_value, 4),
      c.threshold,
      c.drifted ? 'DRIFT' : 'ok',
    ],
    (c) => (c.drifted ? 'drift' : ''),
  );
  fillTable('not-monitored', s.drift ? s.drift.not_monitored : [], (f) => [f.column, f.reason]);
  fillTable('versions', s.versions, (v) => [
    v.version,
    v.kind,
    v.created_at,
    v.aliases.join(', ') + (v.version === s.live_version ? ' (live)' : ''),
  ]);
  fillTable('recent', s.recent, (r) => [
    r.timestamp,
    r.request_id,
    r.model_version,
    r.prediction,
    fmt(r.probability),
    fmt(r.latency_ms),
  ]);
  const skipped = s.skipped_log_lines;
  setText(
    'skipped-count',
    skipped.count ? `${skipped.count} lines of the log could not be used and were left out` : 'none',
  );
  fillTable('skipped', skipped.first, (l) => [l.segment, l.line, l.reason]);
  document.body.dataset.loaded = String(Number(document.body.dataset.loaded || 0) + 1);
}

async function refresh(): Promise<number> {
  const response = await fetch(`/api/summary${query}`, { credentials: 'same-origin' });
  if (response.status === 401) {
    location.assign('/login');
    return 0;
  }
  const body = await response.json();
  if (!response.ok) {
    showError(body?.error?.message ?? `error ${response.status}`);
    return 0;
  }
  render(body as Summary);
  return body.refresh_seconds;
}

async function loop(): Promise<void> {
  let seconds = 10;
  try {
    seconds = (await refresh()) || seconds;
  } catch (error) {
    showError(`the dashboard did not answer: ${error instanceof Error ? error.message : String(error)}`);
  }
  setTimeout(loop, Math.max(1, seconds) * 1000);
}

const exportLink = byId('export') as HTMLAnchorElement;
exportLink.href = `/export.csv${query}`;
// The server checks ?model= against the registry's name rule and answers a 400 the page shows.
// What the level in the heading means (static text, drawn once).
byId('legend-slot').replaceWith(alertLegend());
void loop();
