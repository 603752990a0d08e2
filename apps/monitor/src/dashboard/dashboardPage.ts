/**
 * The dashboard page: KPIs, ECharts charts (served from the monitor's own
 * node_modules, never a CDN) and tables, filled from `/api/summary` and
 * refreshed every `refreshSeconds`.
 */
export function dashboardPage(model: string, refreshSeconds: number): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Monitor: ${model.replace(/[^\w-]/g, '')}</title>
<style>body{font-family:system-ui,sans-serif;margin:20px;color:#111}.kpis{display:flex;gap:16px;flex-wrap:wrap}.kpi{border:1px solid #ddd;border-radius:6px;padding:10px 16px;min-width:120px}.kpi b{display:block;font-size:22px}.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(460px,1fr));gap:16px;margin-top:16px}.chart{height:280px;border:1px solid #eee}table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ddd;padding:3px 6px}.stable{color:#15803d}.watch{color:#b45309}.retrain{color:#b91c1c}tr.drift td{background:#fef2f2}</style>
<script src="/assets/echarts.min.js"></script></head>
<body><h1>Model <span id="model">${model.replace(/[^\w-]/g, '')}</span>: <span id="level">…</span></h1>
<p>Live version <b id="live-version">…</b> · updated <span id="updated">…</span> · <a id="export" href="/export.csv?model=${encodeURIComponent(model)}">export the log as CSV</a></p>
<div class="kpis">
<div class="kpi">predictions<b id="kpi-predictions">…</b></div>
<div class="kpi">positive rate<b id="kpi-positive-rate">…</b></div>
<div class="kpi">latency p50 (ms)<b id="kpi-p50">…</b></div>
<div class="kpi">latency p90 (ms)<b id="kpi-p90">…</b></div>
<div class="kpi">latency p99 (ms)<b id="kpi-p99">…</b></div>
<div class="kpi">drifted features<b id="kpi-drifted">…</b></div>
</div>
<div class="grid"><div id="chart-series" class="chart"></div><div id="chart-histogram" class="chart"></div><div id="chart-drift" class="chart"></div>
<div><h3>Drift per feature</h3><table id="drift"><thead><tr><th>feature</th><th>test</th><th>statistic</th><th>p-value</th><th>threshold</th><th>verdict</th></tr></thead><tbody></tbody></table>
<h3>Not monitored</h3><table id="not-monitored"><thead><tr><th>field</th><th>why</th></tr></thead><tbody></tbody></table></div></div>
<h3>Versions</h3><table id="versions"><thead><tr><th>version</th><th>kind</th><th>created</th><th>aliases</th></tr></thead><tbody></tbody></table>
<h3>Recent predictions</h3><table id="recent"><thead><tr><th>time</th><th>request</th><th>version</th><th>prediction</th><th>probability</th><th>latency ms</th></tr></thead><tbody></tbody></table>
<script>
const MODEL = ${JSON.stringify(model)};
const charts = {};
const chart = (id) => (charts[id] ??= echarts.init(document.getElementById(id), null, { renderer: 'svg' }));
const fmt = (v, d = 3) => (v === null || v === undefined ? '–' : Number(Number(v).toPrecision(d)).toString());
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';');
const rows = (id, html) => { document.querySelector('#' + id + ' tbody').innerHTML = html; };
async function refresh() {
  const response = await fetch('/api/summary?model=' + encodeURIComponent(MODEL));
  if (!response.ok) { document.getElementById('level').textContent = 'error ' + response.status; return; }
  const s = await response.json();
  const a = s.aggregates;
  document.getElementById('live-version').textContent = s.live_version ?? 'none';
  document.getElementById('updated').textContent = s.generated_at;
  document.getElementById('kpi-predictions').textContent = a.predictions;
  document.getElementById('kpi-positive-rate').textContent = fmt(a.positiveRate);
  document.getElementById('kpi-p50').textContent = fmt(a.latency && a.latency.p50);
  document.getElementById('kpi-p90').textContent = fmt(a.latency && a.latency.p90);
  document.getElementById('kpi-p99').textContent = fmt(a.latency && a.latency.p99);
  const level = document.getElementById('level');
  level.textContent = s.drift ? s.drift.level : 'no traffic';
  level.className = s.drift ? s.drift.level : '';
  document.getElementById('kpi-drifted').textContent = s.drift ? s.drift.columns.filter((c) => c.drifted).length + '/' + s.drift.columns.length : '–';
  chart('chart-series').setOption({ title: { text: 'Predictions over time' }, tooltip: { trigger: 'axis' }, legend: { bottom: 0 },
    xAxis: { type: 'category', data: a.series.map((p) => p.start.slice(5, 16).replace('T', ' ')) }, yAxis: [{ type: 'value', name: 'count' }, { type: 'value', name: 'rate', max: 1 }],
    series: [{ name: 'predictions', type: 'bar', data: a.series.map((p) => p.count) }, { name: 'positive rate', type: 'line', yAxisIndex: 1, data: a.series.map((p) => p.positiveRate ?? p.meanProbability) }] });
  chart('chart-histogram').setOption({ title: { text: 'Prediction distribution' }, tooltip: {}, xAxis: { type: 'category', data: a.predictionHistogram.labels }, yAxis: { type: 'value' },
    series: [{ name: 'predictions', type: 'bar', data: a.predictionHistogram.counts }] });
  const cols = s.drift ? s.drift.columns : [];
  chart('chart-drift').setOption({ title: { text: 'Drift statistic / threshold' }, tooltip: {}, grid: { left: 120 }, xAxis: { type: 'value' }, yAxis: { type: 'category', data: cols.map((c) => c.column) },
    series: [{ type: 'bar', data: cols.map((c) => ({ value: c.p_value === null ? c.statistic / c.threshold : c.threshold / Math.max(c.p_value, 1e-12), itemStyle: { color: c.drifted ? '#b91c1c' : '#2563eb' } })) }] });
  rows('drift', cols.map((c) => '<tr class="' + (c.drifted ? 'drift' : '') + '"><td>' + esc(c.column) + '</td><td>' + c.test + (c.binned ? ' (bins)' : '') + '</td><td>' + fmt(c.statistic, 4) + '</td><td>' + fmt(c.p_value, 4) + '</td><td>' + c.threshold + '</td><td>' + (c.drifted ? 'DRIFT' : 'ok') + '</td></tr>').join(''));
  rows('not-monitored', (s.drift ? s.drift.not_monitored : []).map((f) => '<tr><td>' + esc(f.column) + '</td><td>' + esc(f.reason) + '</td></tr>').join(''));
  rows('versions', s.versions.map((v) => '<tr><td>' + v.version + '</td><td>' + esc(v.kind) + '</td><td>' + esc(v.created_at) + '</td><td>' + esc(v.aliases.join(', ')) + (v.version === s.live_version ? ' (live)' : '') + '</td></tr>').join(''));
  rows('recent', s.recent.map((r) => '<tr><td>' + esc(r.timestamp) + '</td><td>' + esc(r.request_id) + '</td><td>' + r.model_version + '</td><td>' + esc(r.prediction) + '</td><td>' + fmt(r.probability) + '</td><td>' + fmt(r.latency_ms) + '</td></tr>').join(''));
  document.body.dataset.loaded = String(Number(document.body.dataset.loaded || 0) + 1);
}
refresh();
setInterval(refresh, ${Math.max(1, refreshSeconds) * 1000});
</script></body></html>
`;
}
