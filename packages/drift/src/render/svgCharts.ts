/** One series of a chart. */
export interface ChartSeries {
  name: string;
  values: readonly (number | null)[];
  color: string;
}

const WIDTH = 560;
const HEIGHT = 220;
const PAD = { left: 48, right: 12, top: 28, bottom: 40 };

/** Options of {@link barChart}. */
export interface BarChartOptions {
  /**
   * The value axis: bars are drawn from zero on this scale (widened to hold every
   * value, so a negative R² hangs below zero). Bounded metrics pass `[0, 1]`, so
   * 0.012 is a sliver, not a full bar. @default from zero to the largest value
   */
  domain?: [number, number];
  /** A dashed line across the chart, e.g. the trivial baseline. */
  reference?: { value: number; label: string };
}

/**
 * Escapes text for HTML and SVG, attributes included: the one escaper of every
 * report the platform writes.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const fmt = (v: number) =>
  Math.abs(v) >= 1000 || (Math.abs(v) < 0.01 && v !== 0)
    ? v.toExponential(1)
    : v.toFixed(2).replace(/\.?0+$/, '');

function frame(
  title: string,
  scale: Scale,
  body: string,
  labels: readonly string[],
  legend: ChartSeries[],
): string {
  const ticks = [scale.low, scale.low + (scale.high - scale.low) / 2, scale.high]
    .map((value) => {
      const y = scale.y(value);
      return `<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="#e5e7eb"/><text x="${PAD.left - 4}" y="${(y + 4).toFixed(1)}" text-anchor="end" font-size="10">${fmt(value)}</text>`;
    })
    .join('');
  const zero =
    scale.low < 0
      ? `<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${scale.y(0).toFixed(1)}" y2="${scale.y(0).toFixed(1)}" stroke="#6b7280"/>`
      : '';
  const step = Math.max(1, Math.ceil(labels.length / 6));
  const innerW = WIDTH - PAD.left - PAD.right;
  const xLabels = labels
    .map((label, i) =>
      i % step === 0
        ? `<text x="${PAD.left + ((i + 0.5) * innerW) / labels.length}" y="${HEIGHT - PAD.bottom + 14}" text-anchor="middle" font-size="10">${escapeHtml(label)}</text>`
        : '',
    )
    .join('');
  const keys = legend
    .map(
      (s, i) =>
        `<rect x="${PAD.left + i * 130}" y="${HEIGHT - 14}" width="10" height="10" fill="${s.color}"/><text x="${PAD.left + i * 130 + 14}" y="${HEIGHT - 5}" font-size="11">${escapeHtml(s.name)}</text>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" font-family="sans-serif" role="img" aria-label="${escapeHtml(title)}"><text x="${PAD.left}" y="16" font-size="13" font-weight="bold">${escapeHtml(title)}</text>${ticks}${zero}${body}${xLabels}${keys}</svg>`;
}

/** A value axis: its ends and where a value sits, in pixels from the top. */
interface Scale {
  low: number;
  high: number;
  y: (value: number) => number;
}

function scaleFor(values: readonly number[], domain?: [number, number]): Scale {
  const low = Math.min(0, domain?.[0] ?? 0, ...values);
  const high = Math.max(low + 1e-12, domain?.[1] ?? 0, ...values);
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  return { low, high, y: (value) => PAD.top + innerH * (1 - (value - low) / (high - low)) };
}

/**
 * Grouped bar chart (e.g. reference vs current shares per bin, or each model's
 * metric): bars start at zero, negative values hang below the zero line, and an
 * optional reference value is a dashed line with its label as a tooltip.
 */
export function barChart(
  title: string,
  labels: readonly string[],
  series: ChartSeries[],
  options: BarChartOptions = {},
): string {
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null && Number.isFinite(v)));
  const scale = scaleFor(options.reference ? [...values, options.reference.value] : values, options.domain);
  const innerW = WIDTH - PAD.left - PAD.right;
  const slot = innerW / Math.max(1, labels.length);
  const barW = (slot * 0.8) / series.length;
  const zero = scale.y(0);
  const bars = series
    .map((s, k) =>
      s.values
        .map((v, i) => {
          if (v === null || !Number.isFinite(v)) return '';
          const top = Math.min(zero, scale.y(v));
          const height = Math.abs(scale.y(v) - zero);
          return `<rect x="${(PAD.left + i * slot + slot * 0.1 + k * barW).toFixed(1)}" y="${top.toFixed(1)}" width="${barW.toFixed(1)}" height="${Math.max(height, 0.5).toFixed(1)}" fill="${s.color}"><title>${escapeHtml(`${labels[i]} ${s.name}: ${fmt(v)}`)}</title></rect>`;
        })
        .join(''),
    )
    .join('');
  const reference = options.reference
    ? `<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${scale.y(options.reference.value).toFixed(1)}" y2="${scale.y(options.reference.value).toFixed(1)}" stroke="#111827" stroke-dasharray="4 3"><title>${escapeHtml(`${options.reference.label}: ${fmt(options.reference.value)}`)}</title></line>`
    : '';
  return frame(title, scale, bars + reference, labels, series);
}

/** Line chart over equally spaced points (e.g. time buckets); null breaks the line. */
export function lineChart(title: string, labels: readonly string[], series: ChartSeries[]): string {
  const scale = scaleFor(series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
  const innerW = WIDTH - PAD.left - PAD.right;
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
        d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${scale.y(v).toFixed(1)}`;
        pen = true;
      });
      return `<path d="${d}" fill="none" stroke="${s.color}" stroke-width="1.5"/>`;
    })
    .join('');
  return frame(title, scale, paths, labels, series);
}
