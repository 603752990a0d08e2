import {
  type BaselineProfile,
  type Column,
  categoryCounts,
  type DataTable,
  histogramBin,
} from '@mlops/features';
import { QuantileSketch } from './QuantileSketch';
import type { BinnedWindow, CategoricalWindow, NumericWindow, WindowProfile } from './WindowProfile';

/** Options of {@link profileWindow}. */
export interface ProfileWindowOptions {
  /** ISO start and end of the window, kept in the profile. */
  start?: string;
  end?: string;
  /** Accuracy of the quantile sketch. @default 200 */
  sketchK?: number;
  /**
   * Numeric columns whose cells are reference-bin indices rather than values
   * (sensitive fields logged binned): summarised as bin counts. @default []
   */
  binned?: readonly string[];
}

/**
 * Profiles a window of current data on the reference profile's bins: for each
 * reference column the table has, counts, sum, squared deviations, min/max,
 * the histogram on the reference edges, a quantile sketch (numeric) or the
 * category counts (categorical); a `binned` column, only its counts per
 * reference bin. Columns whose type differs from the reference's are left out.
 */
export function profileWindow(
  table: DataTable,
  reference: BaselineProfile,
  options: ProfileWindowOptions = {},
): WindowProfile {
  const columns: WindowProfile['columns'] = {};
  const binned = new Set(options.binned ?? []);
  for (const [name, profile] of Object.entries(reference.columns)) {
    if (!table.has(name)) continue;
    const column = table.column(name);
    if (binned.has(name) && profile.kind === 'numeric' && column.kind === 'numeric') {
      columns[name] = binnedWindow(column.values, profile.histogram.counts.length);
    } else if (profile.kind === 'numeric' && column.kind === 'numeric') {
      columns[name] = numericWindow(column.values, profile.histogram.edges, options.sketchK ?? 200);
    } else if (profile.kind === 'categorical' && column.kind === 'categorical') {
      columns[name] = categoricalWindow(column);
    }
  }
  const window: WindowProfile = { formatVersion: 1, rows: table.numRows, columns };
  if (options.start) window.start = options.start;
  if (options.end) window.end = options.end;
  return window;
}

/** Window summary of one numeric column on the given bin edges. */
export function numericWindow(
  values: ArrayLike<number>,
  edges: readonly number[],
  sketchK = 200,
): NumericWindow {
  const bins = edges.length - 1;
  const counts = new Float64Array(bins);
  const sketch = new QuantileSketch(sketchK);
  const first = edges[0];
  const last = edges[bins];
  let count = 0;
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let below = 0;
  let above = 0;
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i];
    if (Number.isNaN(value)) continue;
    count += 1;
    sum += value;
    if (value < min) min = value;
    if (value > max) max = value;
    if (value < first) below += 1;
    else if (value > last) above += 1;
    counts[histogramBin(value, edges)] += 1;
    sketch.update(value);
  }
  const mean = count ? sum / count : 0;
  let m2 = 0;
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i];
    if (!Number.isNaN(value)) m2 += (value - mean) * (value - mean);
  }
  return {
    kind: 'numeric',
    count,
    missing: values.length - count,
    sum,
    m2,
    min: count ? min : Number.NaN,
    max: count ? max : Number.NaN,
    edges: [...edges],
    counts: Array.from(counts),
    below,
    above,
    sketch: sketch.toJSON(),
  };
}

/** Window summary of reference-bin indices (0-based) of a histogram with `bins` bins. */
export function binnedWindow(indices: ArrayLike<number>, bins: number): BinnedWindow {
  const counts = new Array<number>(bins).fill(0);
  let count = 0;
  let missing = 0;
  let invalid = 0;
  for (let i = 0; i < indices.length; i += 1) {
    const index = indices[i];
    if (Number.isNaN(index)) missing += 1;
    else if (Number.isInteger(index) && index >= 0 && index < bins) {
      counts[index] += 1;
      count += 1;
    } else invalid += 1;
  }
  return { kind: 'binned', count, missing, invalid, counts };
}

function categoricalWindow(column: Extract<Column, { kind: 'categorical' }>): CategoricalWindow {
  const { counts, count, missing } = categoryCounts(column);
  return { kind: 'categorical', count, missing, counts };
}
