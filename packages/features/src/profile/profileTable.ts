import type { Column, DataTable } from '../table/DataTable';
import type { BaselineProfile, CategoricalProfile, ColumnProfile, NumericProfile } from './BaselineProfile';

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
  const present = values.filter((value) => !Number.isNaN(value)).sort();
  const n = present.length;
  let sum = 0;
  for (const value of present) sum += value;
  const mean = n ? sum / n : Number.NaN;
  let squares = 0;
  for (const value of present) squares += (value - mean) ** 2;
  const min = n ? present[0] : Number.NaN;
  const max = n ? present[n - 1] : Number.NaN;
  const quantiles: Record<string, number> = {};
  for (const level of profileQuantiles)
    quantiles[String(level)] = n ? quantileSorted(present, level) : Number.NaN;
  const edges: number[] = [];
  const width = (max - min) / bins || 1;
  for (let i = 0; i <= bins; i += 1) edges.push(min + i * width);
  const counts = new Array<number>(bins).fill(0);
  for (const value of present) counts[Math.min(bins - 1, Math.floor((value - min) / width))] += 1;
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
  const counts = new Int32Array(column.dictionary.length);
  let missing = 0;
  for (const code of column.codes) {
    if (code < 0) missing += 1;
    else counts[code] += 1;
  }
  const frequencies: Record<string, number> = {};
  column.dictionary.forEach((category, code) => {
    if (counts[code] > 0) frequencies[category] = (frequencies[category] ?? 0) + counts[code];
  });
  return { kind: 'categorical', count: column.codes.length - missing, missing, frequencies };
}

/** Linear-interpolation quantile of sorted values (NumPy's default method). */
export function quantileSorted(sorted: ArrayLike<number>, level: number): number {
  const position = (sorted.length - 1) * level;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}
