import type { Column, DataTable } from '../table/DataTable';
import type { BaselineProfile, CategoricalProfile, ColumnProfile, NumericProfile } from './BaselineProfile';
import { categoryCounts } from './categoryCounts';
import { quantilesInPlace } from './quantilesInPlace';

/** Quantile levels every numeric profile holds. */
export const profileQuantiles = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99] as const;

/** Options of {@link profileTable}. */
export interface ProfileOptions {
  /** The label column, profiled apart from the features. */
  target?: string;
  /** Columns to leave out (identifiers). @default [] */
  exclude?: readonly string[];
  /** Equal-width bins of each numeric histogram. @default 20 */
  bins?: number;
}

/** Profiles every column of a table: the baseline drift detection compares against. */
export function profileTable(table: DataTable, options: ProfileOptions = {}): BaselineProfile {
  const excluded = new Set(options.exclude ?? []);
  const columns: Record<string, ColumnProfile> = {};
  for (const column of table.columns) {
    if (excluded.has(column.name) || column.name === options.target) continue;
    columns[column.name] = profileColumn(column, options.bins ?? 20);
  }
  const profile: BaselineProfile = { formatVersion: 1, rows: table.numRows, columns };
  if (options.target !== undefined) {
    profile.target = {
      name: options.target,
      profile: profileColumn(table.column(options.target), options.bins ?? 20),
    };
  }
  return profile;
}

/** Profiles one column. */
export function profileColumn(column: Column, bins = 20): ColumnProfile {
  return column.kind === 'numeric' ? profileNumeric(column.values, bins) : profileCategorical(column);
}

function profileNumeric(values: Float64Array, bins: number): NumericProfile {
  // One copy of the present values (quantile selection reorders it), no sort.
  const present = new Float64Array(values.length);
  let n = 0;
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i];
    if (Number.isNaN(value)) continue;
    present[n] = value;
    n += 1;
    sum += value;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const mean = n ? sum / n : Number.NaN;
  let squares = 0;
  for (let i = 0; i < n; i += 1) squares += (present[i] - mean) ** 2;
  if (n === 0) {
    min = Number.NaN;
    max = Number.NaN;
  }
  const edges: number[] = [];
  const width = (max - min) / bins || 1;
  for (let i = 0; i <= bins; i += 1) edges.push(min + i * width);
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < n; i += 1) counts[Math.min(bins - 1, Math.floor((present[i] - min) / width))] += 1;
  const levels = quantilesInPlace(present.subarray(0, n), profileQuantiles);
  const quantiles: Record<string, number> = {};
  profileQuantiles.forEach((level, i) => {
    quantiles[String(level)] = levels[i];
  });
  return {
    kind: 'numeric',
    count: n,
    missing: values.length - n,
    mean,
    std: n > 1 ? Math.sqrt(squares / (n - 1)) : 0,
    min,
    max,
    quantiles,
    histogram: { edges, counts },
  };
}

function profileCategorical(column: Extract<Column, { kind: 'categorical' }>): CategoricalProfile {
  const { counts, count, missing } = categoryCounts(column);
  return { kind: 'categorical', count, missing, frequencies: counts };
}

/** Linear-interpolation quantile of sorted values (NumPy's default method). */
export function quantileSorted(sorted: ArrayLike<number>, level: number): number {
  const position = (sorted.length - 1) * level;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}
