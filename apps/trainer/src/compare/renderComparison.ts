/** One trained model of a comparison. */
export interface ComparisonRow {
  dataset: string;
  task: string;
  model: string;
  /** The dataset's headline metric (roc_auc or r2) and its value. */
  metric: string;
  value: number;
  baseline: number;
  fitSeconds: number;
  trainRows: number;
  runId: string;
}

/** The comparison as a Markdown table, one row per dataset × model. */
export function comparisonMarkdown(rows: readonly ComparisonRow[]): string {
  const lines = [
    '| dataset | task | model | metric | value | trivial baseline | fit s | train rows |',
    '| --- | --- | --- | --- | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.dataset} | ${r.task} | ${r.model} | ${r.metric} | ${r.value.toFixed(4)} | ${r.baseline.toFixed(4)} | ${r.fitSeconds.toFixed(2)} | ${r.trainRows} |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const palette = ['#4c78a8', '#f58518', '#54a24b', '#e45756', '#72b7b2'];

/**
 * A self-contained HTML page (no scripts, no network): per dataset, a bar chart of
 * each model's metric against the trivial baseline and of its fit time, then the table.
 */
export function comparisonHtml(rows: readonly ComparisonRow[], generatedAt: string): string {
  const datasets = [...new Set(rows.map((r) => r.dataset))];
  const models = [...new Set(rows.map((r) => r.model))];
  const colour = (model: string) => palette[models.indexOf(model) % palette.length];
  const charts = datasets.map((dataset) => {
    const group = rows.filter((r) => r.dataset === dataset);
    return `<section><h2>${escapeHtml(dataset)} <small>${escapeHtml(group[0].task)}, ${escapeHtml(group[0].metric)}</small></h2>
${barChart(group, (r) => r.value, group[0].metric, colour, group[0].baseline)}
${barChart(group, (r) => r.fitSeconds, 'fit seconds', colour)}</section>`;
  });
  const table = rows
    .map(
      (r) =>
        `<tr><td>${escapeHtml(r.dataset)}</td><td>${escapeHtml(r.model)}</td><td>${escapeHtml(r.metric)}</td><td>${r.value.toFixed(4)}</td><td>${r.baseline.toFixed(4)}</td><td>${r.fitSeconds.toFixed(2)}</td><td>${r.trainRows}</td><td><code>${escapeHtml(r.runId)}</code></td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Model comparison</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#222}section{display:inline-block;vertical-align:top;margin:0 2rem 2rem 0}
h2 small{font-weight:normal;color:#666;font-size:.7em}table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.3rem .6rem;text-align:right}
td:first-child,td:nth-child(2),td:nth-child(3){text-align:left}svg text{font-size:11px}</style></head>
<body><h1>Model comparison</h1><p>Generated ${escapeHtml(generatedAt)} by <code>mlops compare</code>. The dashed line is the trivial baseline.</p>
${charts.join('\n')}
<h2>All results</h2><table><thead><tr><th>dataset</th><th>model</th><th>metric</th><th>value</th><th>baseline</th><th>fit s</th><th>train rows</th><th>run</th></tr></thead>
<tbody>${table}</tbody></table></body></html>
`;
}

function barChart(
  rows: readonly ComparisonRow[],
  value: (row: ComparisonRow) => number,
  label: string,
  colour: (model: string) => string,
  baseline?: number,
): string {
  const width = 320;
  const barHeight = 22;
  const left = 130;
  const height = rows.length * (barHeight + 6) + 30;
  const max = Math.max(...rows.map(value), baseline ?? 0, 1e-9);
  const x = (v: number) => left + (Math.max(v, 0) / max) * (width - left - 50);
  const bars = rows
    .map((r, i) => {
      const y = 20 + i * (barHeight + 6);
      return `<text x="${left - 6}" y="${y + 15}" text-anchor="end">${escapeHtml(r.model)}</text>
<rect x="${left}" y="${y}" width="${(x(value(r)) - left).toFixed(1)}" height="${barHeight}" fill="${colour(r.model)}"><title>${escapeHtml(r.model)}: ${value(r).toFixed(4)}</title></rect>
<text x="${(x(value(r)) + 4).toFixed(1)}" y="${y + 15}">${value(r).toFixed(3)}</text>`;
    })
    .join('\n');
  const base =
    baseline === undefined
      ? ''
      : `<line x1="${x(baseline).toFixed(1)}" x2="${x(baseline).toFixed(1)}" y1="14" y2="${height - 8}" stroke="#333" stroke-dasharray="4 3"/>`;
  return `<svg role="img" aria-label="${escapeHtml(label)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<text x="${left}" y="12" font-weight="bold">${escapeHtml(label)}</text>${bars}${base}</svg>`;
}
