import { type ChartSeries, escapeHtml } from '@mlops/drift';

const WIDTH = 360;
const HEIGHT = 300;
const PAD = { left: 44, right: 12, top: 28, bottom: 58 };

/** One curve of an {@link xyChart}: points on numeric axes. */
export interface XySeries extends Omit<ChartSeries, 'values'> {
  x: readonly number[];
  y: readonly number[];
  /** Draw the points as dots instead of a line (e.g. calibration bins). */
  dots?: boolean;
}

/** Options of {@link xyChart}. */
export interface XyChartOptions {
  xLabel: string;
  yLabel: string;
  /** @default [0, 1] on both axes */
  xDomain?: [number, number];
  yDomain?: [number, number];
  /** A dashed line from the lower left to the upper right corner (chance, perfect calibration). */
  diagonal?: string;
}

const fmt = (v: number) => Number(v.toPrecision(3)).toString();

/**
 * A line (or dot) chart on two numeric axes, as inline SVG like the rest of the
 * report's charts (`@mlops/drift`'s `barChart`/`lineChart` space their x values
 * evenly, which a ROC or PR curve cannot use). Every text is escaped.
 */
export function xyChart(title: string, series: readonly XySeries[], options: XyChartOptions): string {
  const [x0, x1] = options.xDomain ?? [0, 1];
  const [y0, y1] = options.yDomain ?? [0, 1];
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const px = (v: number) => PAD.left + (innerW * (v - x0)) / (x1 - x0 || 1);
  const py = (v: number) => PAD.top + innerH * (1 - (v - y0) / (y1 - y0 || 1));
  const ticks = [0, 0.5, 1]
    .map((t) => {
      const xv = x0 + t * (x1 - x0);
      const yv = y0 + t * (y1 - y0);
      return `<line x1="${px(xv).toFixed(1)}" x2="${px(xv).toFixed(1)}" y1="${PAD.top}" y2="${PAD.top + innerH}" stroke="#e5e7eb"/><text x="${px(xv).toFixed(1)}" y="${PAD.top + innerH + 13}" text-anchor="middle" font-size="10">${fmt(xv)}</text><line x1="${PAD.left}" x2="${PAD.left + innerW}" y1="${py(yv).toFixed(1)}" y2="${py(yv).toFixed(1)}" stroke="#e5e7eb"/><text x="${PAD.left - 4}" y="${(py(yv) + 4).toFixed(1)}" text-anchor="end" font-size="10">${fmt(yv)}</text>`;
    })
    .join('');
  const diagonal = options.diagonal
    ? `<line x1="${px(x0)}" y1="${py(y0)}" x2="${px(x1)}" y2="${py(y1)}" stroke="#9ca3af" stroke-dasharray="4 3"><title>${escapeHtml(options.diagonal)}</title></line>`
    : '';
  const body = series
    .map((s) => {
      const points = s.x
        .map((x, i) => [x, s.y[i]])
        .filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
      if (s.dots) {
        return points
          .map(
            ([x, y]) =>
              `<circle cx="${px(x).toFixed(1)}" cy="${py(y).toFixed(1)}" r="3" fill="${s.color}"><title>${escapeHtml(`${s.name}: ${fmt(x)}, ${fmt(y)}`)}</title></circle>`,
          )
          .join('');
      }
      const d = points.map(([x, y], i) => `${i ? 'L' : 'M'}${px(x).toFixed(1)},${py(y).toFixed(1)}`).join('');
      return `<path d="${d}" fill="none" stroke="${s.color}" stroke-width="1.5"><title>${escapeHtml(s.name)}</title></path>`;
    })
    .join('');
  const keys = series
    .map(
      (s, i) =>
        `<rect x="${PAD.left + i * 150}" y="${HEIGHT - 14}" width="10" height="10" fill="${s.color}"/><text x="${PAD.left + i * 150 + 14}" y="${HEIGHT - 5}" font-size="11">${escapeHtml(s.name)}</text>`,
    )
    .join('');
  const axes = `<text x="${PAD.left + innerW / 2}" y="${PAD.top + innerH + 28}" text-anchor="middle" font-size="11">${escapeHtml(options.xLabel)}</text><text x="12" y="${PAD.top + innerH / 2}" text-anchor="middle" font-size="11" transform="rotate(-90 12 ${PAD.top + innerH / 2})">${escapeHtml(options.yLabel)}</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" font-family="sans-serif" role="img" aria-label="${escapeHtml(title)}"><text x="${PAD.left}" y="16" font-size="13" font-weight="bold">${escapeHtml(title)}</text>${ticks}${diagonal}${body}${axes}${keys}</svg>`;
}
