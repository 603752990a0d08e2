import { escapeHtml as esc } from '@mlops/drift';
import type { FeatureDetail } from './featureDetails';
import type { MonitorReport } from './MonitorReport';
import type { ClassificationPerformance, RegressionPerformance } from './performance';
import { featureChartName, type ReportChart } from './reportCharts';
import { timeAxisLabels } from './timeAxisLabels';

/** A number as the report prints it: 4 significant digits, '–' for none. */
export const num = (v: number | null | undefined, digits = 4) =>
  v === null || v === undefined || Number.isNaN(v)
    ? '–'
    : Number.isFinite(v)
      ? Number(v.toPrecision(digits)).toString()
      : String(v);

const pct = (v: number) => `${num(v * 100, 3)} %`;

const chart = (charts: Map<string, string>, name: string) => {
  const svg = charts.get(name);
  return svg ? `<figure>${svg}</figure>` : '';
};

/** Anchor id of a feature's drill-down: its name made safe, with a counter against clashes. */
export const detailId = (column: string, index: number) =>
  `feature-${index}-${column.replace(/[^a-zA-Z0-9_-]/g, '_')}`;

/**
 * The drill-down of every tested feature, most drifted first, drifted ones open:
 * the reference/current overlay, quantiles side by side, missing shares and the
 * categories the reference never had.
 */
export function featureDetailsSection(report: MonitorReport, charts: readonly ReportChart[]): string {
  const byName = new Map(charts.map((c) => [c.name, c.svg]));
  const details = report.feature_details ?? [];
  if (details.length === 0) return '';
  const items = details.map((d, i) => featureDetail(d, i, byName)).join('');
  return `<section id="feature-details"><h2>Feature drill-down</h2><p>Most drifted first; drifted features are open. Current quantiles come from the window's sketch (about 1 % rank error).</p>${items}</section>`;
}

function featureDetail(d: FeatureDetail, index: number, charts: Map<string, string>): string {
  const quantiles = d.quantiles
    ? `<table><tr><th>quantile</th><th>reference</th><th>current</th></tr>${d.quantiles
        .map(
          (q) =>
            `<tr><td>${q.level === 0 ? 'min' : q.level === 1 ? 'max' : `p${num(q.level * 100, 3)}`}</td><td>${num(q.reference)}</td><td>${num(q.current)}</td></tr>`,
        )
        .join('')}</table>`
    : '';
  const categories =
    d.kind === 'categorical'
      ? d.new_categories.length
        ? `<p>Categories the training data never had:</p><table><tr><th>category</th><th>rows</th></tr>${d.new_categories
            .map((c) => `<tr><td>${esc(c.category)}</td><td>${c.count}</td></tr>`)
            .join('')}</table>`
        : '<p>No category the training data did not have.</p>'
      : '';
  const verdict = d.drift.drifted ? 'DRIFT' : 'ok';
  return `<details id="${detailId(d.column, index)}"${d.drift.drifted ? ' open' : ''}><summary><b>${esc(d.column)}</b> (${d.kind}): ${esc(d.drift.test)} ${num(d.drift.statistic)}, score ${num(d.drift_score, 3)}, ${verdict}</summary><div class="detail">${chart(charts, featureChartName(d.column))}<div><p>Missing: reference ${pct(d.missing.reference)}, current ${pct(d.missing.current)}.</p>${quantiles}${categories}</div></div></details>`;
}

/** The arrived labels against the training label (with `--labels`). */
export function targetDriftSection(report: MonitorReport, charts: readonly ReportChart[]): string {
  const t = report.target_drift;
  if (!t) return '';
  const byName = new Map(charts.map((c) => [c.name, c.svg]));
  return `<section id="target-drift"><h2>Target drift</h2><p>The ${report.live_metrics?.matched_labels ?? 0} labels that arrived for <b>${esc(t.column)}</b>, against the label in the training data: ${esc(t.drift.test)} ${num(t.drift.statistic)}${t.drift.pValue !== undefined ? `, p ${num(t.drift.pValue)}` : ''}, threshold ${t.drift.threshold}: <b>${t.drift.drifted ? 'DRIFT' : 'ok'}</b>.</p>${chart(byName, 'target.svg')}</section>`;
}

/** Classification or regression performance on the labelled traffic (with `--labels`). */
export function performanceSection(report: MonitorReport, charts: readonly ReportChart[]): string {
  const p = report.performance;
  if (!p) return '';
  const byName = new Map(charts.map((c) => [c.name, c.svg]));
  const body = p.task === 'regression' ? regression(p, byName) : classification(p, byName);
  return `<section id="performance"><h2>Performance on labelled traffic</h2><p>${p.rows} predictions with their true label.</p>${body}${overTimeTable(p)}</section>`;
}

function classification(p: ClassificationPerformance, charts: Map<string, string>): string {
  const header = p.classes.map((c) => `<th>predicted ${esc(c)}</th>`).join('');
  const max = Math.max(1, ...p.confusion.flat());
  const rows = p.confusion
    .map(
      (row, i) =>
        `<tr><th>actual ${esc(p.classes[i])}</th>${row
          .map(
            (count) =>
              `<td style="background:rgba(37,99,235,${(0.08 + (0.6 * count) / max).toFixed(2)})">${count}</td>`,
          )
          .join('')}</tr>`,
    )
    .join('');
  const threshold = p.threshold !== null ? ` at the model's threshold ${num(p.threshold)}` : '';
  const curves = p.roc
    ? `<div class="charts">${chart(charts, 'roc.svg')}${chart(charts, 'pr.svg')}${chart(charts, 'calibration.svg')}</div>`
    : '<p>No ROC, PR or calibration: the log holds no probability for every labelled prediction.</p>';
  return `<h3>Confusion matrix${threshold}</h3><table class="confusion"><tr><th></th>${header}</tr>${rows}</table>${curves}<div class="charts">${chart(charts, 'metrics-over-time.svg')}</div>`;
}

function regression(p: RegressionPerformance, charts: Map<string, string>): string {
  const s = p.residual_summary;
  return `<p>Residuals (label − prediction): mean ${num(s.mean)}, MAE ${num(s.mae)}, RMSE ${num(s.rmse)}.</p><div class="charts">${chart(charts, 'residuals.svg')}${chart(charts, 'error-over-time.svg')}</div>`;
}

function overTimeTable(p: ClassificationPerformance | RegressionPerformance): string {
  if (p.over_time.length === 0) return '';
  const metrics = [...new Set(p.over_time.flatMap((t) => Object.keys(t.metrics)))].filter((m) =>
    ['roc_auc', 'f1', 'accuracy', 'precision', 'recall', 'mae', 'rmse', 'r2'].includes(m),
  );
  const axis = timeAxisLabels(p.over_time.map((t) => t.start));
  const head = metrics.map((m) => `<th>${esc(m)}</th>`).join('');
  const test = metrics.map((m) => `<td>${num(p.registered[m])}</td>`).join('');
  const rows = p.over_time
    .map(
      (t, i) =>
        `<tr><td>${esc(axis.labels[i])}</td><td>${t.rows}</td>${metrics.map((m) => `<td>${num(t.metrics[m])}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<h3>Metrics over time (${esc(axis.caption)})</h3><table><tr><th>from</th><th>labelled rows</th>${head}</tr><tr><td>test at registration</td><td></td>${test}</tr>${rows}</table>`;
}

/** The version's global importance: the bar chart and its table, or why it is not available. */
export function importanceSection(report: MonitorReport, charts: readonly ReportChart[]): string {
  const g = report.global_importance;
  if (!g) return '';
  if (!g.available) {
    return `<section id="global-importance"><h2>Global importance</h2><p class="note">${esc(g.reason)}</p></section>`;
  }
  const byName = new Map(charts.map((c) => [c.name, c.svg]));
  const classes = g.classes ? ` (summed over the classes ${g.classes.map(esc).join(', ')})` : '';
  const rows = g.fields.map((f) => `<tr><td>${esc(f.field)}</td><td>${num(f.mean_abs)}</td></tr>`).join('');
  return `<section id="global-importance"><h2>Global importance</h2><p>Mean |contribution| of each input field to the ${esc(g.output_kind)} output of v${g.version} (${esc(g.kind)}), over ${g.rows} of its ${g.reference_rows} reference rows${classes}; a categorical field counts once.</p>${chart(byName, 'importance.svg')}<table><tr><th>field</th><th>mean |contribution|</th></tr>${rows}</table></section>`;
}
