import type { ColumnDrift } from '@mlops/drift';
import { escapeHtml as esc } from '@mlops/drift';
import { challengerSection } from '../challenger/challengerSection';
import type { OutputDrift } from '../check/predictionDrift';
import { driftScore } from './driftScore';
import type { MonitorReport } from './MonitorReport';
import {
  featureDetailsSection,
  importanceSection,
  num,
  performanceSection,
  targetDriftSection,
} from './renderSections';
import type { ReportChart } from './reportCharts';

const levelColor = { stable: '#15803d', watch: '#b45309', retrain: '#b91c1c' } as const;

/** Which test ran on a column, and on what: its counterpart when `--test` did not fit it, KS on the reference bins or values. */
export function testLabel(c: ColumnDrift): string {
  const parts: string[] = [c.test];
  if (c.requestedTest) parts.push(`(--test ${c.requestedTest} does not fit ${c.kind} columns)`);
  if (c.binned) parts.push('on reference-bin counts (logged binned)');
  else if (c.method === 'binned')
    parts.push('on the reference bins (D is a lower bound: the profile keeps no raw values)');
  else if (c.test === 'ks' && c.method)
    parts.push(`on the version's stored reference values (${c.method} p-value)`);
  return parts.join(' ');
}

/** The p-value, or why there is none: distances and the z-score drift when the statistic reaches the threshold. */
export function pValueCell(c: ColumnDrift): string {
  if (c.pValue !== undefined) return num(c.pValue);
  return `no p-value (${c.test} drifts at ${c.test === 'zscore' ? '|z|' : 'statistic'} ≥ threshold)`;
}

function driftRow(c: ColumnDrift, extra = ''): string {
  return `<tr class="${c.drifted ? 'drift' : ''}"><td>${esc(c.column)}</td><td>${c.kind}</td><td>${esc(testLabel(c))}</td><td>${num(c.statistic)}</td><td>${esc(pValueCell(c))}</td><td>${c.threshold}</td><td>${c.drifted ? 'DRIFT' : 'ok'}</td><td>${num(driftScore(c), 3)}</td>${extra}</tr>`;
}

function outputRow(c: OutputDrift): string {
  return driftRow(c, `<td>${esc(c.reference)}</td>`);
}

function skippedRows(rows: readonly { column: string; reason: string }[]): string {
  return rows.map((s) => `<tr><td>${esc(s.column)}</td><td>${esc(s.reason)}</td></tr>`).join('');
}

/**
 * The self-contained HTML report: inline CSS and inline SVG charts, no script
 * and no request to anywhere. Everything drawn was aggregated beforehand, so
 * its size does not grow with the number of logged predictions.
 */
export function renderHtml(report: MonitorReport, charts: readonly ReportChart[]): string {
  const chart = (name: string) => {
    const svg = charts.find((c) => c.name === name)?.svg;
    return svg ? `<figure>${svg}</figure>` : '';
  };
  const q = report.data_quality;
  const a = report.aggregates;
  const quality = q.features
    .map(
      (f) =>
        `<tr class="${f.missing + f.outOfRange + f.unseenCategories + f.wrongType ? 'drift' : ''}"><td>${esc(f.column)}</td><td>${f.missing}</td><td>${f.outOfRange}</td><td>${f.unseenCategories}</td><td>${f.wrongType}</td><td>${esc(f.examples.join(', '))}</td></tr>`,
    )
    .join('');
  const outputs = [report.prediction_drift, report.probability_drift].filter(
    (o): o is OutputDrift => o !== null,
  );
  const header =
    '<tr><th>feature</th><th>kind</th><th>test</th><th>statistic</th><th>p-value</th><th>threshold</th><th>verdict</th><th title="1 at the threshold: statistic / threshold, or log p / log threshold">drift score</th>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(report.model)} v${report.version}: ${report.drift.level}</title>
<style>body{font-family:system-ui,sans-serif;margin:24px;color:#111;max-width:1200px}table{border-collapse:collapse;margin:8px 0 24px}td,th{border:1px solid #ddd;padding:4px 8px;font-size:13px;text-align:left}tr.drift td{background:#fef2f2}.level{color:#fff;padding:4px 10px;border-radius:4px;font-weight:bold}.charts{display:flex;flex-wrap:wrap;gap:12px}.kpi{display:inline-block;margin-right:24px}details{border:1px solid #e5e7eb;border-radius:4px;margin:6px 0;padding:4px 8px}summary{cursor:pointer;font-size:14px}.detail{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}figure{margin:4px}table.confusion td{text-align:right;min-width:60px}</style></head>
<body><h1>${esc(report.model)} v${report.version} <span class="level" style="background:${levelColor[report.drift.level]}">${report.drift.level.toUpperCase()}</span></h1>
<p>${report.predictions} predictions in window ${esc(report.window.label)} (${esc(a.first ?? '–')} … ${esc(a.last ?? '–')}), generated ${esc(report.generated_at)}.</p>
<p><span class="kpi">drifted features: <b>${report.drift.driftedColumns}/${report.drift.columns.length}</b> (share ${num(report.drift.driftShare, 3)})</span><span class="kpi">positive rate: <b>${num(a.positiveRate, 3)}</b></span><span class="kpi">latency p50/p90/p99: <b>${num(a.latency?.p50, 3)} / ${num(a.latency?.p90, 3)} / ${num(a.latency?.p99, 3)} ms</b></span></p>
<section id="feature-drift"><h2>Feature drift</h2><p>Most drifted first.</p>${referenceKsNote(report)}<table>${header}</tr>${report.drift.columns.map((c) => driftRow(c)).join('')}</table></section>
<section id="not-monitored"><h2>Not monitored</h2>${report.not_monitored.length ? `<p>${report.not_monitored.length} fields of the version are not drift-tested:</p><table><tr><th>field</th><th>why</th></tr>${skippedRows(report.not_monitored)}</table>` : '<p>Every field of the version is drift-tested.</p>'}</section>
<section id="prediction-drift"><h2>Prediction drift</h2>${outputs.length ? `<table>${header.replace('feature', 'output')}<th>compared with</th></tr>${outputs.map(outputRow).join('')}</table>` : '<p>The version has neither stored predictions nor a target profile: prediction drift cannot be judged.</p>'}<div class="charts">${chart('prediction-histogram.svg')}</div></section>
${featureDetailsSection(report, charts)}
${importanceSection(report, charts)}
<section id="data-quality"><h2>Data quality</h2><table><tr><th>feature</th><th>missing</th><th>out of range</th><th>unseen categories</th><th>wrong type</th><th>examples</th></tr>${quality}</table>${q.skipped.length ? `<p>Not checked:</p><table><tr><th>feature</th><th>why</th></tr>${skippedRows(q.skipped)}</table>` : ''}</section>
${liveSection(report)}
${targetDriftSection(report, charts)}
${performanceSection(report, charts)}
${skippedLinesSection(report)}
${challengerSection(report.challenger)}
<section id="traffic"><h2>Traffic over time</h2><div class="charts">${chart('prediction-timeseries.svg')}${chart('prediction-volume.svg')}</div></section>
</body></html>
`;
}

function liveSection(report: MonitorReport): string {
  const live = report.live_metrics;
  if (!live) return '';
  const rows = Object.entries(live.metrics)
    .map(
      ([metric, value]) =>
        `<tr><td>${metric}</td><td>${value.toFixed(4)}</td><td>${live.registered[metric]?.toFixed(4) ?? '-'}</td><td>${live.delta[metric] === undefined ? '-' : `${live.delta[metric] >= 0 ? '+' : ''}${live.delta[metric].toFixed(4)}`}</td></tr>`,
    )
    .join('');
  const key = `${live.join_key.map(esc).join(' + ')}${live.key_hashed ? ' (hashed with MLOPS_HASH_SALT, as the log holds it)' : ''}`;
  const omitted = Object.entries(live.omitted)
    .map(([metric, why]) => `${esc(metric)} (${esc(why)})`)
    .join('; ');
  return `<section id="live-metrics"><h2>Live metrics</h2><p>Labels joined on ${key}: ${live.matched_labels} of ${live.labels} labels matched a checked prediction (${live.unmatched_labels} did not).</p><table><tr><th>metric</th><th>live</th><th>test at registration</th><th>change</th></tr>${rows}</table>${omitted ? `<p>Not measured: ${omitted}.</p>` : ''}</section>`;
}

function skippedLinesSection(report: MonitorReport): string {
  const skipped = report.skipped_log_lines;
  if (skipped.count === 0) return '';
  const rows = skipped.first
    .map((s) => `<tr><td>${esc(s.segment)}</td><td>${s.line}</td><td>${esc(s.reason)}</td></tr>`)
    .join('');
  const listed = skipped.first.length < skipped.count ? ` (the first ${skipped.first.length} listed)` : '';
  return `<section id="skipped-lines"><h2>Log lines skipped</h2><p>${skipped.count} lines of the prediction log could not be used and were left out of this check${listed}:</p><table><tr><th>segment</th><th>line</th><th>why</th></tr>${rows}</table></section>`;
}

/** With `--test ks`: what KS was computed against, and how exact the window's side is. */
function referenceKsNote(report: MonitorReport): string {
  const ks = report.reference_ks;
  if (!ks) return '';
  if (ks.reference === 'profile') return `<p class="note">${esc(ks.note)}</p>`;
  const current =
    ks.current === 'sketch'
      ? `its KLL sketch (${ks.current_rows} rows, more than MONITOR_EXACT_ROWS=${ks.exact_rows_limit}; each D within ${ks.statistic_error_bound} of the exact one)`
      : `every logged value (${ks.current_rows} rows)`;
  return `<p class="note">KS on ${esc(ks.columns.join(', '))}: the version's stored reference sample (${ks.reference_rows} training rows) against ${esc(current)}.</p>`;
}
