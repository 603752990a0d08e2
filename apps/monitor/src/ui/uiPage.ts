/**
 * The web UI's one HTML page, served for every path under `/ui`: static, the same
 * bytes whatever was asked for. The bundled client (`/assets/ui.js`) reads the path
 * itself, fetches `/api/ui/…` and builds the page with the DOM API, so nothing from
 * the address or the stores reaches markup. Styles are a served file: the CSP allows
 * no inline code.
 */
export const UI_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>MLOps</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/ui.css">
<script src="/assets/ui.js" defer></script></head>
<body><header><a href="/ui/models" data-route>MLOps</a> <nav><a href="/ui/models" data-route>Models</a> <a href="/ui/runs" data-route>Runs</a> <a href="/">Dashboard</a></nav></header>
<main id="view"><p>Loading…</p></main>
</body></html>
`;

/** The web UI's styles, served as `/assets/ui.css`. */
export const UI_CSS = `body{font-family:system-ui,sans-serif;margin:0;color:#111}
header{display:flex;gap:24px;align-items:baseline;padding:10px 20px;border-bottom:1px solid #ddd;background:#f8fafc}
header>a{font-weight:600;color:#111;text-decoration:none}
nav a{margin-right:12px}
main{padding:16px 20px}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px}
dl.facts div{display:contents}
dl.facts dd{margin:0}
dl.facts dt{color:#6b7280}
table{border-collapse:collapse;font-size:13px;margin:8px 0 16px}
td,th{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f1f5f9}
tr.production td{background:#f0fdf4}
tr.archived td{color:#6b7280}
.badge{display:inline-block;border-radius:4px;padding:0 5px;font-size:12px;border:1px solid currentColor}
.passed,.stable{color:#15803d}.failed,.retrain{color:#b91c1c}.watch{color:#b45309}.nothing-to-compare{color:#6b7280}
.legend{display:flex;flex-wrap:wrap;gap:4px 18px;font-size:12px;color:#4b5563;margin:4px 0 12px}
.legend div{display:flex;gap:6px}.legend dt,.legend dd{margin:0}
.muted{color:#6b7280}
.error{color:#b91c1c}
code{font-size:12px}
#run-filter-form{margin:8px 0}
tr.child td.depth-1{padding-left:20px}tr.child td.depth-2{padding-left:34px}tr.child td.depth-3{padding-left:48px}
th a{color:inherit;text-decoration:none}th[aria-sort] a{text-decoration:underline}
button.toggle{font-size:12px;padding:0 4px;cursor:pointer}
td.picks{white-space:nowrap}
#compare-bar{margin:8px 0}
tr.differs td{background:#fef9c3}tr.differs td:first-child{font-weight:600}
.bar-charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(380px,1fr));gap:8px 24px;max-width:1200px}
.bar-chart{width:100%;min-height:100px}
.study-chart{width:100%;max-width:1000px;height:360px}
.pickers{display:flex;flex-wrap:wrap;gap:8px 20px;align-items:center;margin:8px 0;padding:8px;background:#f8fafc;border:1px solid #e5e7eb}
#pick-range button{margin-right:2px}#pick-range button[aria-pressed="true"]{background:#1d4ed8;color:#fff;border-color:#1d4ed8}
#custom-range{margin:0;padding:2px 6px;border:1px solid transparent}#custom-range.active{border-color:#1d4ed8;background:#eff6ff}
.line-chart{width:100%;max-width:1100px;height:300px}
.importance-chart{width:100%;max-width:760px;min-height:120px}
#force-promote{margin:6px 0;padding:6px 8px;border:1px solid #fca5a5;background:#fef2f2}
.small-charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:8px 20px;max-width:1200px}.small-chart{height:240px}
tr.opened td{background:#eff6ff}tr.drifted td:first-child{font-weight:600}tr.down td{color:#b91c1c}
.status-finished{color:#15803d}.status-failed{color:#b91c1c}.status-running{color:#1d4ed8}
.status-pruned,.status-abandoned{color:#6b7280}
`;
