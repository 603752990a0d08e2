import type { QuantileSketchState } from './QuantileSketch';

/** A numeric column over one window of production data, in mergeable parts. */
export interface NumericWindow {
  kind: 'numeric';
  /** Non-missing values. */
  count: number;
  missing: number;
  sum: number;
  /**
   * Σ(x − mean)², merged by Chan's formula: a raw Σx² loses every digit to
   * cancellation when the mean is large next to the spread.
   */
  m2: number;
  min: number;
  max: number;
  /** The reference profile's histogram edges, so windows and reference share bins. */
  edges: number[];
  /** Counts per reference bin; values outside the edges land in the end bins, as in the reference. */
  counts: number[];
  /** Values below the first edge and above the last one (also counted in the end bins). */
  below: number;
  above: number;
  /** Mergeable quantile sketch of the values. */
  sketch: QuantileSketchState;
}

/** A categorical column over one window: counts per category. */
export interface CategoricalWindow {
  kind: 'categorical';
  count: number;
  missing: number;
  counts: Record<string, number>;
}

/**
 * A numeric column whose current data holds, instead of values, the index of
 * each value's bin in the reference histogram (0-based): a sensitive field
 * logged with `MLOPS_SENSITIVE_FIELDS=bin`. Only the bin counts are known.
 */
export interface BinnedWindow {
  kind: 'binned';
  /** Valid bin indices. */
  count: number;
  /** Rows without an index (absent or null). */
  missing: number;
  /** Indices that are not a bin of the reference histogram (not whole, or out of range). */
  invalid: number;
  /** Rows per reference bin. */
  counts: number[];
}

/** One column's window summary. */
export type ColumnWindow = NumericWindow | CategoricalWindow | BinnedWindow;

/**
 * Summary of a window of current data (an hour, a day, N rows), built against
 * a reference profile's bins. Every part adds up, so windows merge exactly
 * (counts, histograms, category counts) or within the sketch's error
 * (quantiles): a week of logs can be profiled hour by hour and combined.
 */
export interface WindowProfile {
  formatVersion: 1;
  rows: number;
  /** ISO times the window covers, when known. */
  start?: string;
  end?: string;
  columns: Record<string, ColumnWindow>;
}
