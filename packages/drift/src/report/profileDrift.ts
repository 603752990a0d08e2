import type { BaselineProfile, CategoricalProfile, DataTable, NumericProfile } from '@mlops/features';
import { DriftError } from '../errors';
import { profileWindow } from '../profile/profileWindow';
import type { BinnedWindow, CategoricalWindow, NumericWindow, WindowProfile } from '../profile/WindowProfile';
import { chiSquareTest } from '../statistics/chiSquareTest';
import { histogramWasserstein } from '../statistics/histogramWasserstein';
import { jensenShannonDistance } from '../statistics/jensenShannonDistance';
import { ksOnBins } from '../statistics/ksOnBins';
import { meanZScore } from '../statistics/meanZScore';
import { populationStabilityIndex } from '../statistics/populationStabilityIndex';
import { type ColumnDrift, type DriftSummary, type SkippedColumn, summarizeDrift } from './DriftSummary';
import { chooseDefaultTest, columnTest, type DriftTest, type DriftTestOptions, isDrift } from './driftTests';
import { replaceEmptyShares, toShares } from './evidentlyShares';

export type { ColumnDrift, DriftSummary } from './DriftSummary';

/** Options of {@link profileDrift}. */
export interface ProfileDriftOptions extends DriftTestOptions {
  /** One test for every column; on a column it does not fit, its counterpart runs ({@link testForKind}). */
  test?: DriftTest;
  /** @deprecated use `test: 'psi', threshold`. A PSI threshold; setting it makes PSI every column's test. */
  psiThreshold?: number;
}

/**
 * Compares current data (a table, or a window profile of one) with a stored
 * baseline profile, column by column. Only what a profile keeps can be
 * tested: PSI, KS and a histogram Wasserstein/Jensen–Shannon on the profile's
 * bins, chi-square on its bin or category counts, the mean z-score. KS here is
 * {@link ksOnBins}: the profile keeps no raw reference values, so D is measured
 * at the bin edges (a lower bound of the exact D; `method: 'binned'`). A test
 * asked for every column that does not fit a column's kind gives way to its
 * counterpart ({@link testForKind}: KS and the z-score → chi-square, Wasserstein
 * → Jensen–Shannon), and the column says so in `requestedTest`. Default choice,
 * after Evidently's: reference ≤ 1000 rows → chi-square for categorical and
 * PSI for numeric columns (in place of KS); larger → normalised Wasserstein
 * for numeric, Jensen–Shannon for categorical columns; a numeric column whose
 * reference fills at most 5 bins counts as discrete. A column the window holds
 * as reference-bin indices ({@link BinnedWindow}) gets the test its values
 * would get, on the same reference bins (values beyond the reference range sit
 * in the end bins; the z-score needs values, and gives way to chi-square).
 * Reference columns that are not tested are listed in `skipped` with the reason.
 */
export function profileDrift(
  reference: BaselineProfile,
  current: DataTable | WindowProfile,
  options: ProfileDriftOptions = {},
): DriftSummary {
  const window = 'formatVersion' in current ? current : profileWindow(current, reference);
  const columns: ColumnDrift[] = [];
  const skipped: SkippedColumn[] = [];
  const excluded = options.exclude ?? {};
  for (const [name, profile] of Object.entries(reference.columns)) {
    const seen = window.columns[name];
    const binned = seen?.kind === 'binned' && profile.kind === 'numeric';
    const problem = Object.hasOwn(excluded, name)
      ? excluded[name]
      : !seen
        ? 'not in the current data'
        : seen.kind !== profile.kind && !binned
          ? `${profile.kind} in the reference, ${seen.kind} in the current data`
          : seen.count === 0
            ? 'no values in the current data'
            : undefined;
    if (problem || !seen) {
      skipped.push({ column: name, reason: problem ?? 'not in the current data' });
      continue;
    }
    const discrete = profile.kind === 'numeric' ? profile.histogram.counts.filter((c) => c > 0).length : 0;
    const { test, threshold, requestedTest } = columnTest(
      {
        perColumn: options.perColumn,
        test: options.psiThreshold !== undefined ? 'psi' : options.test,
        threshold: options.psiThreshold ?? options.threshold,
      },
      name,
      binned ? 'binned' : profile.kind,
      // A profile holds bins, not values: a small reference's numeric test is PSI on them, not KS.
      () =>
        profile.kind === 'numeric'
          ? reference.rows <= (options.smallReference ?? 1000)
            ? 'psi'
            : chooseDefaultTest('numeric', reference.rows, discrete, options.smallReference)
          : chooseDefaultTest('categorical', reference.rows, 0, options.smallReference),
    );
    const result =
      profile.kind === 'numeric'
        ? numericTest(name, test, profile, seen as NumericWindow | BinnedWindow)
        : categoricalTest(name, test, profile, seen as CategoricalWindow);
    columns.push({
      column: name,
      kind: profile.kind,
      test,
      ...(requestedTest ? { requestedTest } : {}),
      threshold,
      referenceCount: profile.count,
      currentCount: seen.count,
      ...result,
      drifted: isDrift(test, result.statistic, result.pValue, threshold),
      ...(binned ? { binned: true } : {}),
    });
  }
  return summarizeDrift('profile', reference.rows, window.rows, columns, skipped);
}

type Result = { statistic: number; pValue?: number; unseenCategories?: number; method?: 'binned' };

/**
 * A numeric column on the reference bins. A binned window (reference-bin indices,
 * no values) takes the same tests on the same bins, except that values beyond the
 * reference range are in its end bins, and the z-score, which needs values, is refused.
 */
function numericTest(
  name: string,
  test: DriftTest,
  profile: NumericProfile,
  window: NumericWindow | BinnedWindow,
): Result {
  const ref = profile.histogram.counts;
  if (test === 'psi') return { statistic: populationStabilityIndex(ref, window.counts) };
  if (test === 'zscore') {
    if (window.kind === 'binned') throw valuesNeeded(name, test);
    return { statistic: meanZScore(profile.mean, profile.std, window.sum / window.count) };
  }
  // The other tests see values outside the reference range in bins of their own.
  const { edges, reference, current } =
    window.kind === 'binned'
      ? { edges: profile.histogram.edges, reference: ref, current: window.counts }
      : extendedBins(profile, window);
  if (test === 'wasserstein') {
    const n = profile.count;
    const std = n > 1 ? profile.std * Math.sqrt((n - 1) / n) : 0; // Evidently divides by np.std (ddof 0)
    return { statistic: histogramWasserstein(edges, reference, current) / Math.max(std, 0.001) };
  }
  if (test === 'jensenshannon') {
    return {
      statistic: jensenShannonDistance(
        replaceEmptyShares(toShares(reference, profile.count)),
        replaceEmptyShares(toShares(current, window.count)),
      ),
    };
  }
  if (test === 'ks') {
    const ks = ksOnBins(reference, current);
    return { statistic: ks.statistic, pValue: ks.pValue, method: 'binned' };
  }
  if (test === 'chi2') {
    // On the reference bins as stored (values beyond the range in the end bins, as the profile
    // bins them): a bin of its own with no reference count would make one outlier an infinite χ².
    const kept = ref.flatMap((count, i) => (count > 0 || window.counts[i] > 0 ? [i] : []));
    const chi = chiSquareTest(
      kept.map((i) => window.counts[i]),
      kept.map((i) => ref[i]),
    );
    return { statistic: chi.statistic, pValue: chi.pValue };
  }
  throw notInProfile(name, test);
}

function categoricalTest(
  name: string,
  test: DriftTest,
  profile: CategoricalProfile,
  window: CategoricalWindow,
): Result {
  const categories = Object.keys(profile.frequencies);
  const known = new Set(categories);
  const unseen = Object.keys(window.counts).filter((category) => !known.has(category));
  const reference = Float64Array.from([...categories, ...unseen], (c) => profile.frequencies[c] ?? 0);
  const current = Float64Array.from([...categories, ...unseen], (c) => window.counts[c] ?? 0);
  const unseenCategories = unseen.reduce((total, category) => total + window.counts[category], 0);
  if (test === 'psi') {
    // One bin for all unseen categories, floored at 1e-4 as before.
    const expected = [...reference.subarray(0, categories.length), 0];
    const actual = [...current.subarray(0, categories.length), unseenCategories];
    return { statistic: populationStabilityIndex(expected, actual), unseenCategories };
  }
  if (test === 'chi2') {
    const chi = chiSquareTest(current, reference);
    return { statistic: chi.statistic, pValue: chi.pValue, unseenCategories };
  }
  if (test === 'jensenshannon') {
    return {
      statistic: jensenShannonDistance(
        replaceEmptyShares(toShares(reference, profile.count)),
        replaceEmptyShares(toShares(current, window.count)),
      ),
      unseenCategories,
    };
  }
  throw notInProfile(name, test);
}

/** Reference edges widened by a bin below and above when current values fall outside them. */
function extendedBins(
  profile: NumericProfile,
  window: NumericWindow,
): { edges: number[]; reference: number[]; current: number[] } {
  const edges = [...profile.histogram.edges];
  const reference = [...profile.histogram.counts];
  const current = [...window.counts];
  current[0] -= window.below;
  current[current.length - 1] -= window.above;
  if (window.below > 0) {
    edges.unshift(window.min);
    reference.unshift(0);
    current.unshift(window.below);
  }
  if (window.above > 0) {
    edges.push(window.max);
    reference.push(0);
    current.push(window.above);
  }
  return { edges, reference, current };
}

function valuesNeeded(name: string, test: DriftTest): DriftError {
  return new DriftError(
    'test-not-applicable',
    `column '${name}' was logged as reference-bin indices (MLOPS_SENSITIVE_FIELDS=bin), without values: test '${test}' needs values; give it ks, psi, wasserstein, jensenshannon or chi2`,
  );
}

function notInProfile(name: string, test: DriftTest): DriftError {
  return new DriftError(
    'test-not-applicable',
    `test '${test}' does not apply to categorical column '${name}': give it chi2, jensenshannon or psi`,
  );
}
