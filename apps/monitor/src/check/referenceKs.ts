import {
  type ColumnDrift,
  type DriftSummary,
  defaultThresholds,
  isDrift,
  kolmogorovSurvival,
  ksTwoSample,
  type NumericWindow,
  type ProfileDriftOptions,
  type QuantileSketchState,
  summarizeDrift,
} from '@mlops/drift';
import type { DataTable } from '@mlops/features';
import type { LogFold } from '../log/LogFold';
import { foldFeatureDrift } from './featureDrift';
import type { VersionFields } from './fieldCoverage';
import type { WindowValues } from './windowValues';

/** Rows of the current window up to which KS uses every value. @default 1,000,000 (`MONITOR_EXACT_ROWS`) */
export const DEFAULT_EXACT_ROWS = 1_000_000;

/**
 * Rank error of the window's KLL sketch (k = 200, `@mlops/drift`'s QuantileSketch:
 * about 1 %): past the exact limit a KS statistic is within this of the exact one.
 */
export const SKETCH_RANK_ERROR = 0.01;

/** How `--test ks` was computed, in report.json and `--json`. */
export interface ReferenceKs {
  /** `reference-sample`: against the version's stored values; `profile`: the version has none, KS on the profile's bins instead. */
  reference: 'reference-sample' | 'profile';
  /** In the user's words: what was compared, and the fix when it is the fallback. */
  note: string;
  /** Rows of the stored reference sample (null without one). */
  reference_rows: number | null;
  /** Current rows up to which KS uses every logged value (`MONITOR_EXACT_ROWS`). */
  exact_rows_limit: number;
  current_rows: number;
  /** `exact`: every value of the window; `sketch`: the window's KLL sketch (more rows than the limit). */
  current: 'exact' | 'sketch' | null;
  /** How far a reported KS statistic can be from the exact one: 0 when exact, the sketch's rank error beyond. */
  statistic_error_bound: number | null;
  /** The numeric features tested with KS. */
  columns: string[];
}

/** The numeric features KS can test against a reference sample: those the sample holds as numbers. */
export function ksCandidates(fields: Pick<VersionFields, 'features'>, sample: DataTable): string[] {
  return fields.features
    .filter(
      (spec) =>
        spec.type === 'numeric' && sample.has(spec.name) && sample.column(spec.name).kind === 'numeric',
    )
    .map((spec) => spec.name);
}

/**
 * `--test ks` on a window: numeric features (tested, not logged binned) by
 * two-sample KS against the version's reference sample, with SciPy's
 * `ks_2samp` conventions, on every logged value up to `values.limit` rows and
 * on the window's sketch beyond; categorical and binned fields by chi-square
 * on the profile. Without a sample (versions registered before it was
 * stored), KS on the profile's bins (a lower bound of D), and `ks.note` says so.
 */
export function referenceKsDrift(
  fold: LogFold,
  fields: VersionFields,
  sample: DataTable | undefined,
  values: WindowValues | undefined,
  options: { drift?: ProfileDriftOptions; exactRows: number },
): { drift: DriftSummary; window: ReturnType<typeof foldFeatureDrift>['window']; ks: ReferenceKs } {
  const threshold = options.drift?.threshold;
  if (!sample || !values) {
    // KS on the profile's bins (a lower bound of D), chi-square on categorical fields.
    const { drift, window } = foldFeatureDrift(fold, fields, { drift: options.drift });
    return {
      drift,
      window,
      ks: {
        reference: 'profile',
        note: "this version has no reference sample (registered before samples were stored): KS ran on the profile's bins (method 'binned', a lower bound of the exact D); retrain to store one",
        reference_rows: null,
        exact_rows_limit: options.exactRows,
        current_rows: fold.rows,
        current: null,
        statistic_error_bound: null,
        columns: [],
      },
    };
  }
  const candidates = new Set(values.columns);
  // The profile's tests first (KS on bins, chi-square for the columns KS does not fit); the
  // numeric ones the sample holds are then replaced by KS on the real values.
  const base = foldFeatureDrift(fold, fields, { drift: options.drift });
  const ksThreshold = threshold ?? defaultThresholds.ks;
  const tested: string[] = [];
  const columns: ColumnDrift[] = base.drift.columns.map((column) => {
    const window = base.window.columns[column.column];
    if (!candidates.has(column.column) || window?.kind !== 'numeric') return column;
    tested.push(column.column);
    const reference = (sample.column(column.column) as { values: Float64Array }).values;
    const current = values.overflow ? undefined : values.of(column.column);
    const ks: KsResult = current
      ? {
          ...ksTwoSample(reference, current),
          referenceCount: countFinite(reference),
          currentCount: current.length,
        }
      : sketchKs(reference, (window as NumericWindow).sketch);
    return {
      column: column.column,
      kind: 'numeric',
      test: 'ks',
      statistic: ks.statistic,
      pValue: ks.pValue,
      threshold: ksThreshold,
      drifted: isDrift('ks', ks.statistic, ks.pValue, ksThreshold),
      referenceCount: ks.referenceCount,
      currentCount: ks.currentCount,
      method: ks.method,
    };
  });
  const drift = summarizeDrift('profile', sample.numRows, fold.rows, columns, base.drift.skipped);
  const exact = !values.overflow;
  return {
    drift,
    window: base.window,
    ks: {
      reference: 'reference-sample',
      note: exact
        ? `KS against the version's reference sample (${sample.numRows} rows) on every logged value of the window`
        : `KS against the version's reference sample (${sample.numRows} rows); the window has more than ${options.exactRows} rows, so its side is the KLL sketch (statistic within ${SKETCH_RANK_ERROR} of the exact one)`,
      reference_rows: sample.numRows,
      exact_rows_limit: options.exactRows,
      current_rows: fold.rows,
      current: exact ? 'exact' : 'sketch',
      statistic_error_bound: exact ? 0 : SKETCH_RANK_ERROR,
      columns: tested,
    },
  };
}

interface KsResult {
  statistic: number;
  pValue: number;
  method: 'exact' | 'asymp';
  referenceCount: number;
  currentCount: number;
}

/**
 * KS between reference values and a sketch of the current ones: sup |F_ref − F̂_cur|
 * over every reference value and sketch item, F̂ from the items' weights; the
 * asymptotic p-value as SciPy's `ks_2samp` gives it for large samples.
 */
export function sketchKs(reference: ArrayLike<number>, sketch: QuantileSketchState): KsResult {
  const ref = Float64Array.from(reference).filter(Number.isFinite).sort();
  const items: [number, number][] = [];
  let total = 0;
  sketch.levels.forEach((level, h) => {
    for (const value of level) {
      items.push([value, 2 ** h]);
      total += 2 ** h;
    }
  });
  items.sort((a, b) => a[0] - b[0]);
  let i = 0;
  let j = 0;
  let below = 0;
  let statistic = 0;
  while (i < ref.length || j < items.length) {
    const x = Math.min(
      i < ref.length ? ref[i] : Number.POSITIVE_INFINITY,
      j < items.length ? items[j][0] : Number.POSITIVE_INFINITY,
    );
    while (i < ref.length && ref[i] <= x) i += 1;
    while (j < items.length && items[j][0] <= x) {
      below += items[j][1];
      j += 1;
    }
    statistic = Math.max(statistic, Math.abs(i / ref.length - below / total));
  }
  const n = ref.length;
  const m = sketch.n;
  const en = Math.round((n * m) / (n + m));
  return {
    statistic,
    pValue: Math.min(1, Math.max(0, kolmogorovSurvival(en, statistic))),
    method: 'asymp',
    referenceCount: n,
    currentCount: m,
  };
}

function countFinite(values: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < values.length; i += 1) if (Number.isFinite(values[i])) n += 1;
  return n;
}
