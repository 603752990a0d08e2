/** The drift tests a column can be checked with. */
export type DriftTest = 'ks' | 'chi2' | 'wasserstein' | 'psi' | 'jensenshannon' | 'zscore';

/** Every test name, for option parsing. */
export const driftTests: readonly DriftTest[] = [
  'ks',
  'chi2',
  'wasserstein',
  'psi',
  'jensenshannon',
  'zscore',
];

/** Tests whose threshold is a p-value (drift when p < threshold); the others drift when statistic ≥ threshold. */
export const pValueTests: ReadonlySet<DriftTest> = new Set(['ks', 'chi2']);

/**
 * Default thresholds: Evidently's for KS, chi-square (p < 0.05), normalised
 * Wasserstein and Jensen–Shannon (≥ 0.1); the product's own for PSI (≥ 0.2,
 * Evidently uses 0.1) and the mean z-score (|z| ≥ 0.5 reference std).
 */
export const defaultThresholds: Readonly<Record<DriftTest, number>> = {
  ks: 0.05,
  chi2: 0.05,
  wasserstein: 0.1,
  psi: 0.2,
  jensenshannon: 0.1,
  zscore: 0.5,
};

/**
 * How a column's values are held: raw numbers, categories, or (profile mode) a
 * numeric column known only by its counts on the reference bins.
 */
export type ColumnKind = 'numeric' | 'categorical' | 'binned';

/**
 * The column kinds each test fits. KS and the normalised Wasserstein distance
 * need an ordered axis (values or ordered bins); the z-score needs values.
 */
export const testKinds: Readonly<Record<DriftTest, readonly ColumnKind[]>> = {
  ks: ['numeric', 'binned'],
  chi2: ['numeric', 'categorical', 'binned'],
  wasserstein: ['numeric', 'binned'],
  psi: ['numeric', 'categorical', 'binned'],
  jensenshannon: ['numeric', 'categorical', 'binned'],
  zscore: ['numeric'],
};

/**
 * What a test asked for every column becomes on a column it does not fit: the
 * test of the same family for counts. KS (a p-value on distributions) becomes
 * chi-square, the Wasserstein distance becomes Jensen–Shannon (both distances,
 * Evidently's pair for a large reference), the z-score (a shift) becomes chi-square.
 */
export const counterpartTests: Readonly<Partial<Record<DriftTest, DriftTest>>> = {
  ks: 'chi2',
  wasserstein: 'jensenshannon',
  zscore: 'chi2',
};

/** The test that runs on a column of `kind` when `test` is asked for: `test` itself when it fits, else its counterpart. */
export function testForKind(test: DriftTest, kind: ColumnKind): DriftTest {
  return testKinds[test].includes(kind) ? test : (counterpartTests[test] ?? test);
}

/** A column's test and threshold, when not the default. */
export interface ColumnTestOptions {
  test?: DriftTest;
  threshold?: number;
}

/**
 * Evidently's default test for a column: reference ≤ `smallReference` rows →
 * KS for numeric columns with more than 5 distinct values (reference and
 * current together), chi-square otherwise; a larger reference → normalised
 * Wasserstein for numeric columns with more than 5 distinct values,
 * Jensen–Shannon otherwise. (Evidently uses a proportion z-test for binary
 * columns of a small reference; the product asked for chi-square there.)
 */
export function chooseDefaultTest(
  kind: 'numeric' | 'categorical',
  referenceRows: number,
  distinctValues: number,
  smallReference = 1000,
): DriftTest {
  const continuous = kind === 'numeric' && distinctValues > 5;
  if (referenceRows <= smallReference) return continuous ? 'ks' : 'chi2';
  return continuous ? 'wasserstein' : 'jensenshannon';
}

/** The options every drift report chooses its tests by ({@link driftReport}, {@link profileDrift}). */
export interface DriftTestOptions {
  /** One test for every column instead of the default choice. */
  test?: DriftTest;
  /** Threshold for every column (with `test`, or over each default). */
  threshold?: number;
  /** Test and threshold per column; wins over `test` and `threshold`. */
  perColumn?: Readonly<Record<string, ColumnTestOptions>>;
  /** Reference size up to which the small-reference defaults apply (see each report). @default 1000 */
  smallReference?: number;
  /** Columns never to test, each with the reason the summary gives (ids, unlogged fields); wins over `columns`. */
  exclude?: Readonly<Record<string, string>>;
}

/** What decides one column's test and threshold, from the most specific to the default. */
export interface TestChoice {
  /** The column's own test and threshold (`perColumn`). */
  own?: ColumnTestOptions;
  /** One test for every column (`--test`). */
  test?: DriftTest;
  /** One threshold for every column (`--threshold`); it does not apply to a column's own test. */
  threshold?: number;
  /** The test when nothing else says: Evidently's choice for the data at hand. */
  defaultTest: () => DriftTest;
  /**
   * The column's kind: a `test` for every column that does not fit it gives way to
   * its counterpart ({@link testForKind}). A column's own test is taken as asked.
   */
  kind?: ColumnKind;
}

/** The test and threshold a column runs with; `requestedTest` when `--test` gave way to its counterpart. */
export interface ResolvedTest {
  test: DriftTest;
  threshold: number;
  /** The test asked for every column, when it does not fit this column and `test` (its counterpart) ran instead. */
  requestedTest?: DriftTest;
}

/**
 * The test and threshold of one column, by one rule for every report: the
 * column's own test, else the one asked for every column, else the default;
 * its own threshold, else the one asked for every column (unless the column
 * chose its own test), else the test's default threshold.
 */
export function resolveColumnTest(choice: TestChoice): ResolvedTest {
  const own = choice.own ?? {};
  if (!own.test && choice.test && choice.kind && testForKind(choice.test, choice.kind) !== choice.test) {
    const test = testForKind(choice.test, choice.kind);
    // The threshold asked for carries over only when both tests read it the same way (p-value or statistic).
    const sameScale = pValueTests.has(test) === pValueTests.has(choice.test);
    const threshold = own.threshold ?? (sameScale ? choice.threshold : undefined) ?? defaultThresholds[test];
    return { test, threshold, requestedTest: choice.test };
  }
  const test = own.test ?? choice.test ?? choice.defaultTest();
  const threshold = own.threshold ?? (own.test ? undefined : choice.threshold) ?? defaultThresholds[test];
  return { test, threshold };
}

/**
 * The test and threshold of column `name` (of `kind`) under a report's options, by
 * {@link resolveColumnTest}; `defaultTest` gives the default for the data at hand.
 */
export function columnTest(
  options: DriftTestOptions,
  name: string,
  kind: ColumnKind,
  defaultTest: () => DriftTest,
): ResolvedTest {
  return resolveColumnTest({
    own: options.perColumn?.[name],
    test: options.test,
    threshold: options.threshold,
    defaultTest,
    kind,
  });
}

/** Whether a column drifted under a test: p below the threshold, or the statistic at or above it. */
export function isDrift(
  test: DriftTest,
  statistic: number,
  pValue: number | undefined,
  threshold: number,
): boolean {
  if (pValueTests.has(test)) return (pValue ?? 1) < threshold;
  return test === 'zscore' ? Math.abs(statistic) >= threshold : statistic >= threshold;
}
