import { escapeHtml as esc } from '@mlops/drift';
import type { FieldImportance } from '../explain/GlobalImportance';

const BAR = '#2563eb';
const ROW = 22;
const LABEL = 170;
const WIDTH = 640;

/**
 * Global importance as a horizontal bar chart (SVG, self-contained): one bar per field,
 * most important first, every bar starting at zero on the left, so a bar's length is its
 * value (mean |contribution|) and the bars compare as the numbers do. Names are escaped.
 */
export function importanceChart(title: string, fields: readonly FieldImportance[], unit: string): string {
  const max = Math.max(0, ...fields.map((f) => f.mean_abs));
  const plot = WIDTH - LABEL - 70;
  const height = 40 + fields.length * ROW + 24;
  const scale = (v: number) => (max > 0 ? (v / max) * plot : 0);
  const bars = fields
    .map((f, i) => {
      const y = 34 + i * ROW;
      const w = scale(f.mean_abs);
      return `<text x="${LABEL - 6}" y="${y + 14}" text-anchor="end" font-size="12">${esc(f.field)}</text><rect class="importance-bar" data-field="${esc(f.field)}" x="${LABEL}" y="${y + 3}" width="${w.toFixed(2)}" height="${ROW - 6}" fill="${BAR}"/><text x="${(LABEL + w + 4).toFixed(2)}" y="${y + 14}" font-size="11">${Number(f.mean_abs.toPrecision(3))}</text>`;
    })
    .join('');
  const axisY = 34 + fields.length * ROW;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui,sans-serif"><text x="0" y="16" font-size="13" font-weight="bold">${esc(title)}</text>${bars}<line x1="${LABEL}" y1="30" x2="${LABEL}" y2="${axisY}" stroke="#111"/><line x1="${LABEL}" y1="${axisY}" x2="${LABEL + plot}" y2="${axisY}" stroke="#9ca3af"/><text x="${LABEL}" y="${axisY + 16}" font-size="11" text-anchor="middle">0</text><text x="${LABEL + plot}" y="${axisY + 16}" font-size="11" text-anchor="middle">${Number(max.toPrecision(3))}</text><text x="${LABEL + plot / 2}" y="${axisY + 16}" font-size="11" text-anchor="middle">${esc(unit)}</text></svg>`;
}
