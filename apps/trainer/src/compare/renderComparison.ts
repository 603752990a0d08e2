import { barChart, escapeHtml } from '@mlops/drift';
import { comparisonMetrics, higherIsBetter } from './comparisonMetrics';

/** One model (trained, or a registered version) of a comparison, on one dataset. */
export interface ComparisonRow {
  dataset: string;
  task: string;
  /** The model kind, or `<name> v<n>` for a registered version. */
  model: string;
  /** The task's primary metric (roc_auc, f1_macro or r2) and its value: what `best` is decided by. */
  metric: string;
  value: number;
  /** The trivial baseline's value of the primary metric. */
  baseline: number;
  /** Every metric the task shows (see comparisonMetrics), and the baseline's. */
  metrics: Record<string, number>;
  baselineMetrics: Record<string, number>;
  /** The best row of its dataset on the primary metric. */
  best: boolean;
  fitSeconds: number;
  trainRows: number;
  testRows: number;
  /** How the test rows were chosen. */
  split: string;
  runId: string;
}

const fmt = (value: number | undefined) => (value === undefined ? '–' : value.toFixed(4));

/** The comparison as Markdown: one table per dataset with the task's metrics, the best model starred. */
export function comparisonMarkdown(rows: readonly ComparisonRow[]): string {
  const sections = groupByDataset(rows).map(([dataset, group]) => {
    const metrics = comparisonMetrics(group[0].task);
    const head = `| model | ${metrics.join(' | ')} | fit s | train rows |`;
    const rule = `| --- | ${metrics.map(() => '---:').join(' | ')} | ---: | ---: |`;
    const lines = group.map(
      (r) =>
        `| ${r.best ? `**${r.model}** ★` : r.model} | ${metrics.map((m) => fmt(r.metrics[m])).join(' | ')} | ${r.fitSeconds.toFixed(2)} | ${r.trainRows} |`,
    );
    const baseline = `| trivial baseline | ${metrics.map((m) => fmt(group[0].baselineMetrics[m])).join(' | ')} | | |`;
    return [
      `### ${dataset} (${group[0].task}, ${group[0].testRows} test rows, ${group[0].split})`,
      '',
      head,
      rule,
      ...lines,
      baseline,
    ].join('\n');
  });
  return `${sections.join('\n\n')}\n\n★ best on ${[...new Set(rows.map((r) => r.metric))].join(' / ')}\n`;
}

const palette = ['#4c78a8', '#f58518', '#54a24b', '#e45756', '#72b7b2', '#b279a2', '#9d755d'];

/**
 * A self-contained HTML page (no scripts, no network): per dataset, a bar chart
 * per metric (bars start at zero, negative values such as R² hang below the zero
 * line, bounded metrics on a fixed 0–1 scale so 0.01 never looks full), the
 * trivial baseline as a dashed line, the fit times, then the table.
 */
export function comparisonHtml(rows: readonly ComparisonRow[], generatedAt: string): string {
  const sections = groupByDataset(rows).map(([dataset, group], d) => {
    const metrics = comparisonMetrics(group[0].task);
    const labels = group.map((r) => `${r.model}${r.best ? ' ★' : ''}`);
    const colour = palette[d % palette.length];
    const chart = (metric: string, values: Array<number | undefined>, reference?: number) =>
      barChart(metric, labels, [{ name: metric, values: values.map((v) => v ?? null), color: colour }], {
        // Bounded metrics on their whole scale; errors and times from zero to their largest value.
        domain: higherIsBetter(metric) && metric !== 'fit seconds' ? [0, 1] : undefined,
        reference:
          reference === undefined || !Number.isFinite(reference)
            ? undefined
            : { value: reference, label: 'trivial baseline' },
      });
    const charts = metrics
      .map((metric) =>
        chart(
          metric,
          group.map((r) => r.metrics[metric]),
          group[0].baselineMetrics[metric],
        ),
      )
      .join('\n');
    return `<section><h2>${escapeHtml(dataset)} <small>${escapeHtml(group[0].task)}, ${group[0].testRows} test rows, ${escapeHtml(group[0].split)}</small></h2>
${charts}
${chart(
  'fit seconds',
  group.map((r) => r.fitSeconds),
)}</section>`;
  });
  const table = rows
    .map(
      (r) =>
        `<tr${r.best ? ' class="best"' : ''}><td>${escapeHtml(r.dataset)}</td><td>${escapeHtml(r.model)}${r.best ? ' ★' : ''}</td><td>${escapeHtml(r.metric)}</td><td>${r.value.toFixed(4)}</td><td>${r.baseline.toFixed(4)}</td><td>${r.fitSeconds.toFixed(2)}</td><td>${r.trainRows}</td><td><code>${escapeHtml(r.runId)}</code></td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Model comparison</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#222}section{margin:0 0 2rem 0}section svg{margin:0 1.5rem 1rem 0;vertical-align:top}
h2 small{font-weight:normal;color:#666;font-size:.7em}table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.3rem .6rem;text-align:right}
td:first-child,td:nth-child(2),td:nth-child(3){text-align:left}tr.best td{font-weight:bold}</style></head>
<body><h1>Model comparison</h1><p>Generated ${escapeHtml(generatedAt)} by <code>mlops compare</code>. Bars start at zero; the dashed line is the trivial baseline; ★ marks the best model of each dataset on its primary metric.</p>
${sections.join('\n')}
<h2>All results</h2><table><thead><tr><th>dataset</th><th>model</th><th>metric</th><th>value</th><th>baseline</th><th>fit s</th><th>train rows</th><th>run</th></tr></thead>
<tbody>${table}</tbody></table></body></html>
`;
}

function groupByDataset(rows: readonly ComparisonRow[]): Array<[string, ComparisonRow[]]> {
  const groups = new Map<string, ComparisonRow[]>();
  for (const row of rows) {
    if (!groups.has(row.dataset)) groups.set(row.dataset, []);
    groups.get(row.dataset)!.push(row);
  }
  return [...groups];
}
