/** One series of a chart. */
export interface ChartSeries {
  name: string;
  values: readonly (number | null)[];
  color: string;
}

const WIDTH = 560;
const HEIGHT = 220;
const PAD = { left: 48, right: 12, top: 28, bottom: 40 };

/** Escapes text for SVG/HTML. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const fmt = (v: number) =>
  Math.abs(v) >= 1000 || (Math.abs(v) < 0.01 && v !== 0)
    ? v.toExponential(1)
    : v.toFixed(2).replace(/\.?0+$/, '');

function frame(
  title: string,
  max: number,
  body: string,
  labels: readonly string[],
  legend: ChartSeries[],
): string {
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const ticks = [0, 0.5, 1]
    .map((f) => {
      const y = PAD.top + innerH * (1 - f);
      return `<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y}" y2="${y}" stroke="#e5e7eb"/><text x="${PAD.left - 4}" y="${y + 4}" text-anchor="end" font-size="10">${fmt(max * f)}</text>`;
    })
    .join('');
  const step = Math.max(1, Math.ceil(labels.length / 6));
  const innerW = WIDTH - PAD.left - PAD.right;
  const xLabels = labels
    .map((label, i) =>
      i % step === 0
        ? `<text x="${PAD.left + ((i + 0.5) * innerW) / labels.length}" y="${HEIGHT - PAD.bottom + 14}" text-anchor="middle" font-size="10">${escapeXml(label)}</text>`
        : '',
    )
    .join('');
  const keys = legend
    .map(
      (s, i) =>
        `<rect x="${PAD.left + i * 130}" y="${HEIGHT - 14}" width="10" height="10" fill="${s.color}"/><text x="${PAD.left + i * 130 + 14}" y="${HEIGHT - 5}" font-size="11">${escapeXml(s.name)}</text>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" font-family="sans-serif" role="img" aria-label="${escapeXml(title)}"><text x="${PAD.left}" y="16" font-size="13" font-weight="bold">${escapeXml(title)}</text>${ticks}${body}${xLabels}${keys}</svg>`;
}

/** Grouped bar chart (e.g. reference vs current shares per bin or category). */
export function barChart(title: string, labels: readonly string[], series: ChartSeries[]): string {
  const max = Math.max(1e-12, ...series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const slot = innerW / Math.max(1, labels.length);
  const barW = (slot * 0.8) / series.length;
  const bars = series
    .map((s, k) =>
      s.values
        .map((v, i) => {
          const h = ((v ?? 0) / max) * innerH;
          return `<rect x="${(PAD.left + i * slot + slot * 0.1 + k * barW).toFixed(1)}" y="${(PAD.top + innerH - h).toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" fill="${s.color}"/>`;
        })
        .join(''),
    )
    .join('');
  return frame(title, max, bars, labels, series);
}

/** Line chart over equally spaced points (e.g. time buckets); null breaks the line. */
export function lineChart(title: string, labels: readonly string[], series: ChartSeries[]): string {
  const max = Math.max(1e-12, ...series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + ((i + 0.5) * innerW) / Math.max(1, labels.length);
  const paths = series
    .map((s) => {
      let d = '';
      let pen = false;
      s.values.forEach((v, i) => {
        if (v === null) {
          pen = false;
          return;
        }
        d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${(PAD.top + innerH - (v / max) * innerH).toFixed(1)}`;
        pen = true;
      });
      return `<path d="${d}" fill="none" stroke="${s.color}" stroke-width="1.5"/>`;
    })
    .join('');
  return frame(title, max, paths, labels, series);
}
