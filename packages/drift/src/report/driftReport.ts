import type { Column, DataTable } from '@mlops/features';
import { DriftError } from '../errors';
import { chiSquareTest } from '../statistics/chiSquareTest';
import { jensenShannonDistance } from '../statistics/jensenShannonDistance';
import { ksTwoSample } from '../statistics/ksTwoSample';
import { meanZScore } from '../statistics/meanZScore';
import { populationStabilityIndex } from '../statistics/populationStabilityIndex';
import { sortedFinite } from '../statistics/sortedFinite';
import { wassersteinDistance } from '../statistics/wassersteinDistance';
import { type ColumnDrift, type DriftSummary, type SkippedColumn, summarizeDrift } from './DriftSummary';
import { chooseDefaultTest, columnTest, type DriftTest, type DriftTestOptions, isDrift } from './driftTests';
import { replaceEmptyShares, sturgesCounts, toShares } from './evidentlyShares';

/** Options of {@link driftReport}. */
export interface DriftReportOptions extends DriftTestOptions {
  /**
   * Columns to check; a type mismatch or an empty side is then an error. By default
   * every column both tables have is checked, and one that cannot be (only on one
   * side, different types, no values on one side) is listed in `skipped` instead.
   */
  columns?: readonly string[];
}

/**
 * Compares two raw tables column by column, with Evidently's default test
 * choice (see {@link chooseDefaultTest}) or the tests asked for, and gives the
 * share of drifted columns and the alert level. Every test is available here,
 * KS included, since both samples are at hand. Missing values are dropped.
 * Every column of either table that is not tested is in `skipped` with its reason.
 */
export function driftReport(
  reference: DataTable,
  current: DataTable,
  options: DriftReportOptions = {},
): DriftSummary {
  const explicit = options.columns !== undefined;
  const names = options.columns ?? reference.columnNames.filter((name) => current.has(name));
  const excluded = options.exclude ?? {};
  const reasons = new Map<string, string>();
  const columns: ColumnDrift[] = [];
  for (const name of names) {
    if (Object.hasOwn(excluded, name)) continue;
    const ref = reference.column(name);
    const cur = current.column(name);
    const problem = explicit ? undefined : untestable(ref, cur);
    if (problem) {
      reasons.set(name, problem);
      continue;
    }
    if (ref.kind !== cur.kind) {
      throw new DriftError(
        'bad-argument',
        `column '${name}' is ${ref.kind} in the reference and ${cur.kind} in the current data: make the types agree`,
      );
    }
    columns.push(columnDrift(ref, cur, reference.numRows, options));
  }
  const tested = new Set(columns.map((column) => column.column));
  const skipped: SkippedColumn[] = [];
  for (const name of new Set([...reference.columnNames, ...current.columnNames])) {
    if (tested.has(name)) continue;
    const reason = Object.hasOwn(excluded, name)
      ? excluded[name]
      : (reasons.get(name) ??
        (explicit
          ? 'not among the columns asked for'
          : reference.has(name)
            ? 'only in the reference data'
            : 'only in the current data'));
    skipped.push({ column: name, reason });
  }
  return summarizeDrift('data', reference.numRows, current.numRows, columns, skipped);
}

/** Why a column cannot be compared: different types, or no value on one side. */
function untestable(ref: Column, cur: Column): string | undefined {
  if (ref.kind !== cur.kind) return `${ref.kind} in the reference, ${cur.kind} in the current data`;
  if (!hasValue(ref)) return 'no values in the reference data';
  if (!hasValue(cur)) return 'no values in the current data';
  return undefined;
}

function hasValue(column: Column): boolean {
  if (column.kind === 'numeric') return column.values.some((value) => !Number.isNaN(value));
  return column.codes.some((code) => code >= 0);
}

function columnDrift(
  ref: Column,
  cur: Column,
  referenceRows: number,
  options: DriftReportOptions,
): ColumnDrift {
  const name = ref.name;
  if (ref.kind === 'numeric' && cur.kind === 'numeric') {
    const a = sortedFinite(ref.values);
    const b = sortedFinite(cur.values);
    if (a.length === 0 || b.length === 0) {
      throw new DriftError('empty-sample', `column '${name}' has no values on one side: nothing to compare`);
    }
    const { test, threshold, requestedTest } = columnTest(options, name, 'numeric', () =>
      chooseDefaultTest('numeric', referenceRows, distinctSorted(a, b), options.smallReference),
    );
    const base = {
      column: name,
      kind: 'numeric' as const,
      test,
      ...(requestedTest ? { requestedTest } : {}),
      threshold,
      referenceCount: a.length,
      currentCount: b.length,
    };
    const result = numericTest(test, a, b);
    return { ...base, ...result, drifted: isDrift(test, result.statistic, result.pValue, threshold) };
  }
  if (ref.kind === 'categorical' && cur.kind === 'categorical') {
    const { reference: rc, current: cc, unseen } = categoryCounts(ref, cur);
    const { test, threshold, requestedTest } = columnTest(options, name, 'categorical', () =>
      chooseDefaultTest('categorical', referenceRows, rc.length, options.smallReference),
    );
    const referenceCount = sum(rc);
    const currentCount = sum(cc);
    if (referenceCount === 0 || currentCount === 0) {
      throw new DriftError('empty-sample', `column '${name}' has no values on one side: nothing to compare`);
    }
    const result = countsTest(test, name, rc, cc, referenceCount, currentCount);
    return {
      column: name,
      kind: 'categorical',
      test,
      ...(requestedTest ? { requestedTest } : {}),
      threshold,
      referenceCount,
      currentCount,
      unseenCategories: unseen,
      ...result,
      drifted: isDrift(test, result.statistic, result.pValue, threshold),
    };
  }
  throw new DriftError('bad-argument', `column '${name}' has different types on the two sides`);
}

type TestResult = { statistic: number; pValue?: number; method?: 'exact' | 'asymp' };

function numericTest(test: DriftTest, a: Float64Array, b: Float64Array): TestResult {
  switch (test) {
    case 'ks': {
      const ks = ksTwoSample(a, b, { sorted: true });
      return { statistic: ks.statistic, pValue: ks.pValue, method: ks.method };
    }
    case 'wasserstein': {
      // Evidently: wasserstein_distance / max(np.std(reference), 0.001), population std.
      const norm = Math.max(populationStd(a), 0.001);
      return { statistic: wassersteinDistance(a, b, { sorted: true }) / norm };
    }
    case 'zscore':
      return { statistic: meanZScore(mean(a), sampleStd(a), mean(b)) };
    case 'chi2':
    case 'psi':
    case 'jensenshannon': {
      // Evidently bins numeric data for these: Sturges bins when the reference has
      // more distinct values than the test's bin count (PSI 10, JS 30), else values as categories.
      const bins = test === 'psi' ? 10 : 30;
      if (test !== 'chi2' && distinctSorted(a, new Float64Array(0)) > bins) {
        const counts = sturgesCounts(a, b);
        return sharesTest(test, counts.reference, counts.current, a.length, b.length);
      }
      const counts = valueCounts(a, b);
      return countsTest(test, '', counts.reference, counts.current, a.length, b.length);
    }
  }
}

function countsTest(
  test: DriftTest,
  name: string,
  reference: Float64Array,
  current: Float64Array,
  referenceCount: number,
  currentCount: number,
): TestResult {
  if (test === 'chi2') {
    const chi = chiSquareTest(current, reference);
    return { statistic: chi.statistic, pValue: chi.pValue };
  }
  if (test === 'psi' || test === 'jensenshannon')
    return sharesTest(test, reference, current, referenceCount, currentCount);
  throw new DriftError(
    'test-not-applicable',
    `test '${test}' needs numeric values but column '${name}' is categorical: use chi2, jensenshannon or psi`,
  );
}

function sharesTest(
  test: 'psi' | 'jensenshannon',
  reference: Float64Array,
  current: Float64Array,
  referenceCount: number,
  currentCount: number,
): TestResult {
  const r = replaceEmptyShares(toShares(reference, referenceCount));
  const c = replaceEmptyShares(toShares(current, currentCount));
  if (test === 'jensenshannon') return { statistic: jensenShannonDistance(r, c) };
  // Evidently's PSI: Σ (r − c) ln(r / c) on the replaced shares.
  return { statistic: populationStabilityIndex(r, c) };
}

/** Counts per category over the union of both dictionaries; `unseen` counts current rows in categories the reference lacks. */
function categoryCounts(
  ref: Extract<Column, { kind: 'categorical' }>,
  cur: Extract<Column, { kind: 'categorical' }>,
): { reference: Float64Array; current: Float64Array; unseen: number } {
  const slot = new Map<string, number>();
  for (const category of [...ref.dictionary, ...cur.dictionary])
    if (!slot.has(category)) slot.set(category, slot.size);
  const count = (column: typeof ref): Float64Array => {
    const out = new Float64Array(slot.size);
    const codeSlot = column.dictionary.map((category) => slot.get(category) as number);
    for (const code of column.codes) if (code >= 0) out[codeSlot[code]] += 1;
    return out;
  };
  const reference = count(ref);
  const current = count(cur);
  let unseen = 0;
  for (let i = 0; i < reference.length; i += 1) if (reference[i] === 0) unseen += current[i];
  // Categories present only in an unused dictionary entry on both sides carry no information.
  const keep = Array.from(reference.keys()).filter((i) => reference[i] > 0 || current[i] > 0);
  return {
    reference: Float64Array.from(keep, (i) => reference[i]),
    current: Float64Array.from(keep, (i) => current[i]),
    unseen,
  };
}

/** Counts per distinct value of two sorted numeric samples (the union of their values). */
function valueCounts(a: Float64Array, b: Float64Array): { reference: Float64Array; current: Float64Array } {
  const reference: number[] = [];
  const current: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const value = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
    let ca = 0;
    let cb = 0;
    while (i < a.length && a[i] === value) {
      i += 1;
      ca += 1;
    }
    while (j < b.length && b[j] === value) {
      j += 1;
      cb += 1;
    }
    reference.push(ca);
    current.push(cb);
  }
  return { reference: Float64Array.from(reference), current: Float64Array.from(current) };
}

/** Distinct values of two sorted samples together. */
function distinctSorted(a: Float64Array, b: Float64Array): number {
  let i = 0;
  let j = 0;
  let distinct = 0;
  while (i < a.length || j < b.length) {
    const value = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
    while (i < a.length && a[i] === value) i += 1;
    while (j < b.length && b[j] === value) j += 1;
    distinct += 1;
  }
  return distinct;
}

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i += 1) total += values[i];
  return total;
}

function mean(values: Float64Array): number {
  return sum(values) / values.length;
}

function populationStd(values: Float64Array): number {
  const m = mean(values);
  let squares = 0;
  for (const value of values) squares += (value - m) * (value - m);
  return Math.sqrt(squares / values.length);
}

function sampleStd(values: Float64Array): number {
  if (values.length < 2) return 0;
  return populationStd(values) * Math.sqrt(values.length / (values.length - 1));
}
