/**
 * The dashboard's HTML: static, the same bytes for every request. Nothing from
 * the request is written into it; the served script (`/assets/dashboard.js`)
 * reads `?model=` from `location.search` itself, fetches the JSON endpoints and
 * fills the page with the DOM API (`textContent`), so no input ever reaches
 * markup or a script. Styles are a served file too: the CSP allows no inline code.
 */
export const DASHBOARD_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Monitor</title>
<link rel="stylesheet" href="/assets/dashboard.css">
<script src="/assets/dashboard.js" defer></script></head>
<body><h1>Model <span id="model">…</span>: <span id="level">…</span></h1>
<p>Live version <b id="live-version">…</b> · updated <span id="updated">…</span> · <a id="export" href="/export.csv">export the log as CSV</a> · <a href="/ui/models">all models</a></p>
<p id="note" class="note" hidden></p>
<p id="scope" class="scope"></p>
<div id="legend-slot"></div>
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
<h3>Log lines skipped</h3><p id="skipped-count">…</p><table id="skipped"><thead><tr><th>segment</th><th>line</th><th>why</th></tr></thead><tbody></tbody></table>
</body></html>
`;

const loginPage = (message: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Monitor: log in</title>
<link rel="stylesheet" href="/assets/dashboard.css"></head>
<body><h1>Monitor</h1>
<p>This dashboard needs its key (<code>MLOPS_API_KEY</code>).</p>${message}
<form method="post"><label>Key <input type="password" name="key" autocomplete="current-password" required autofocus></label> <button type="submit">Log in</button></form>
</body></html>
`;

/**
 * The login form (static): POSTs the key to the address it was opened at, so the
 * `?next=` of `/login?next=/ui/models/churn` reaches the server with the key.
 */
export const LOGIN_HTML = loginPage('');

/** The login form after a wrong key (static too: nothing submitted is echoed). */
export const LOGIN_FAILED_HTML = loginPage(
  '\n<p class="error" role="alert">That is not the key. Try again.</p>',
);

/** The dashboard's styles, served as `/assets/dashboard.css`. */
export const DASHBOARD_CSS = `body{font-family:system-ui,sans-serif;margin:20px;color:#111}
.kpis{display:flex;gap:16px;flex-wrap:wrap}
.kpi{border:1px solid #ddd;border-radius:6px;padding:10px 16px;min-width:120px}
.kpi b{display:block;font-size:22px}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(460px,1fr));gap:16px;margin-top:16px}
.chart{height:280px;border:1px solid #eee}
table{border-collapse:collapse;font-size:13px}
td,th{border:1px solid #ddd;padding:3px 6px}
.stable{color:#15803d}.watch{color:#b45309}.retrain{color:#b91c1c}
tr.drift td{background:#fef2f2}
.note,.error{color:#b45309}
.legend{display:flex;flex-wrap:wrap;gap:4px 18px;font-size:12px;color:#4b5563;margin:4px 0 12px}
.legend div{display:flex;gap:6px}.legend dt,.legend dd{margin:0}
.badge{border:1px solid currentColor;border-radius:4px;padding:0 5px}.nothing-to-compare{color:#6b7280}
`;
