import { ModelsError } from '../errors';
import { ColumnSorter } from './ColumnSorter';

/** The bin index that holds missing (NaN) values; value bins are 0…maxBins-1 ≤ 254. */
export const MISSING_BIN = 255;

/** Histogram slots per feature: 255 value bins and the missing bin. */
export const BINS = MISSING_BIN + 1;

/** Options of {@link FeatureBinner.fit}. */
export interface FeatureBinnerOptions {
  /** Bins for non-missing values per feature, 2…255 (scikit-learn's `max_bins`). @default 255 */
  maxBins?: number;
}

/**
 * Quantile binning of a row-major matrix into small integers, as scikit-learn's
 * `_BinMapper`: a feature with at most `maxBins` distinct values gets one bin per
 * value (edges at the midpoints between them); otherwise the edges are the
 * `maxBins`-quantiles ("midpoint" percentiles). Bin `b` holds `edge[b-1] < x ≤ edge[b]`,
 * so a split "bin ≤ b" is the raw rule "x ≤ edge[b]" and trees never need the binner
 * at prediction time. NaN goes to {@link MISSING_BIN}.
 */
export class FeatureBinner {
  private constructor(
    /** Per feature, the upper edges of bins 0…n-2 (the last bin is open above). */
    readonly edges: Float64Array[],
  ) {}

  /** Number of value bins of each feature. */
  get binCounts(): Int32Array {
    return Int32Array.from(this.edges, (edge) => edge.length + 1);
  }

  /** Learns the bin edges of every column of `x` (`rows × width`, row-major). */
  static fit(
    x: Float64Array,
    rows: number,
    width: number,
    options: FeatureBinnerOptions = {},
  ): FeatureBinner {
    return FeatureBinner.fitTransform(x, rows, width, options).binner;
  }

  /**
   * {@link fit} and {@link transform} of the same `x` in one pass per column: a column of
   * few values (one-hot, flags, counts) needs only them, sorted, and a short search per
   * row; a column with more values than bins is sorted with its row indices, which gives
   * the quantiles and, walking the sorted rows once against the edges, every row's bin.
   */
  static fitTransform(
    x: Float64Array,
    rows: number,
    width: number,
    options: FeatureBinnerOptions = {},
  ): { binner: FeatureBinner; binned: Uint8Array } {
    const maxBins = options.maxBins ?? 255;
    if (!Number.isInteger(maxBins) || maxBins < 2 || maxBins > 255) {
      throw new ModelsError('bad-params', `max_bins must be an integer in 2…255, got ${maxBins}`);
    }
    const sorter = ColumnSorter.fits(rows) ? new ColumnSorter(rows) : null;
    const binned = new Uint8Array(rows * width);
    try {
      const edges = FeatureBinner.binColumns(x, rows, width, maxBins, sorter, binned);
      return { binner: new FeatureBinner(edges), binned };
    } finally {
      sorter?.dispose();
    }
  }

  /** Bins every column of `x` into `binned` (column-major) and returns each column's edges. */
  private static binColumns(
    x: Float64Array,
    rows: number,
    width: number,
    maxBins: number,
    sorter: ColumnSorter | null,
    binned: Uint8Array,
  ): Float64Array[] {
    const column = sorter ? sorter.values : new Float64Array(rows);
    const columnRows = sorter ? sorter.rows : new Int32Array(rows);
    const edges: Float64Array[] = [];
    // Each loop over rows is a function of its own: V8 optimises it once, where a loop in this
    // function would recompile all of it (BENCHMARKS.md, 2026-12-07).
    for (let feature = 0; feature < width; feature += 1) {
      const out = binned.subarray(feature * rows, (feature + 1) * rows);
      const n = gatherColumn(x, rows, width, feature, out, column, columnRows);
      const few = fewDistinct(column.subarray(0, n), maxBins);
      if (few || !sorter) {
        const edge = featureEdges(few ?? column.slice(0, n).sort(), maxBins);
        edges.push(edge);
        binEach(edge, column, columnRows, n, out);
        continue;
      }
      const sorted = sorter.sort(n);
      const edge = featureEdges(sorted.values, maxBins);
      edges.push(edge);
      binSorted(edge, sorted.values, sorted.rows, n, out);
    }
    return edges;
  }

  /**
   * Bins `x` into a column-major `Uint8Array` (`binned[feature * rows + row]`): the
   * layout the histogram builder reads one feature at a time.
   */
  transform(x: Float64Array, rows: number, width: number): Uint8Array {
    const binned = new Uint8Array(rows * width);
    const { edges } = this;
    // Row by row: `x` is read in order (a column-wise pass would touch a new cache line
    // per value), and the features' edges stay in cache across the rows.
    for (let row = 0; row < rows; row += 1) {
      const first = row * width;
      for (let feature = 0; feature < width; feature += 1) {
        const value = x[first + feature];
        if (Number.isNaN(value)) {
          binned[feature * rows + row] = MISSING_BIN;
          continue;
        }
        binned[feature * rows + row] = binOf(edges[feature], value);
      }
    }
    return binned;
  }
}

/**
 * Copies the non-missing values of column `feature` of `x` (`rows × width`) and their rows into
 * `column` and `columnRows`, marks the missing rows' bins in `out` (the column's bins), and
 * returns how many values there are.
 */
function gatherColumn(
  x: Float64Array,
  rows: number,
  width: number,
  feature: number,
  out: Uint8Array,
  column: Float64Array,
  columnRows: Int32Array,
): number {
  let n = 0;
  for (let row = 0; row < rows; row += 1) {
    const value = x[row * width + feature];
    if (Number.isNaN(value)) {
      out[row] = MISSING_BIN;
      continue;
    }
    column[n] = value;
    columnRows[n++] = row;
  }
  return n;
}

/** Bins `column[0…n)`, the values of rows `columnRows[0…n)`, into `out` by search. */
function binEach(
  edge: Float64Array,
  column: Float64Array,
  columnRows: Int32Array,
  n: number,
  out: Uint8Array,
): void {
  for (let i = 0; i < n; i += 1) out[columnRows[i]] = binOf(edge, column[i]);
}

/** Bins ascending `values[0…n)`, those of rows `rows[0…n)`, into `out` in one walk against the edges. */
function binSorted(
  edge: Float64Array,
  values: Float64Array,
  rows: Int32Array,
  n: number,
  out: Uint8Array,
): void {
  // Ascending values: a row's bin (the number of edges below its value) never decreases.
  let bin = 0;
  for (let i = 0; i < n; i += 1) {
    const value = values[i];
    while (bin < edge.length && edge[bin] < value) bin += 1;
    out[rows[i]] = bin;
  }
}

/**
 * The bin of a non-missing `value`: the number of edges strictly below it (the first edge
 * ≥ value). Branch-free halving: the comparison is a coin flip per step, which a branch
 * would mispredict half the time.
 */
function binOf(edge: Float64Array, value: number): number {
  let at = 0;
  let len = edge.length;
  while (len > 0) {
    const half = len >>> 1;
    const below = +(edge[at + half] < value);
    at += below * (half + 1);
    len = half + below * (len - 2 * half - 1);
  }
  return at;
}

/**
 * The distinct values of a NaN-free column, sorted, when it has at most `maxBins` of them;
 * null (it needs quantiles) as soon as it has more. The first few are kept in a list (a
 * one-hot column compares each row with two values), more in a Set. Values compare as `===`
 * does, as the sorted scan of {@link featureEdges} does, so both give the same edges.
 */
function fewDistinct(column: Float64Array, maxBins: number): Float64Array | null {
  const list: number[] = [];
  let set: Set<number> | null = null;
  for (let i = 0; i < column.length; i += 1) {
    const value = column[i];
    if (set) {
      if (set.has(value)) continue;
      set.add(value);
      if (set.size > maxBins) return null;
      continue;
    }
    let seen = false;
    for (let j = 0; j < list.length; j += 1) {
      if (list[j] === value) {
        seen = true;
        break;
      }
    }
    if (seen) continue;
    list.push(value);
    if (list.length > maxBins) return null;
    if (list.length > 8) set = new Set(list);
  }
  return Float64Array.from(set ?? list).sort();
}

/** Bin edges of one sorted, NaN-free column (or of its sorted distinct values). */
function featureEdges(sorted: Float64Array, maxBins: number): Float64Array {
  const n = sorted.length;
  const distinct: number[] = [];
  for (let i = 0; i < n && distinct.length <= maxBins; i += 1) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
  }
  if (distinct.length <= maxBins) {
    const edges = new Float64Array(Math.max(distinct.length - 1, 0));
    for (let i = 0; i < edges.length; i += 1) edges[i] = (distinct[i] + distinct[i + 1]) * 0.5;
    return edges;
  }
  // numpy.percentile(column, linspace(0, 100, maxBins + 1)[1:-1], method='midpoint'), then unique.
  const edges: number[] = [];
  for (let q = 1; q < maxBins; q += 1) {
    const position = (q / maxBins) * (n - 1);
    const below = Math.floor(position);
    const above = Math.ceil(position);
    const value = (sorted[below] + sorted[above]) * 0.5;
    if (edges.length === 0 || value > edges[edges.length - 1]) edges.push(value);
  }
  return Float64Array.from(edges);
}
