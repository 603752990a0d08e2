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
}

/**
 * The test and threshold of one column, by one rule for every report: the
 * column's own test, else the one asked for every column, else the default;
 * its own threshold, else the one asked for every column (unless the column
 * chose its own test), else the test's default threshold.
 */
export function resolveColumnTest(choice: TestChoice): { test: DriftTest; threshold: number } {
  const own = choice.own ?? {};
  const test = own.test ?? choice.test ?? choice.defaultTest();
  const threshold = own.threshold ?? (own.test ? undefined : choice.threshold) ?? defaultThresholds[test];
  return { test, threshold };
}

/**
 * The test and threshold of column `name` under a report's options, by
 * {@link resolveColumnTest}; `defaultTest` gives the default for the data at hand.
 */
export function columnTest(
  options: DriftTestOptions,
  name: string,
  defaultTest: () => DriftTest,
): { test: DriftTest; threshold: number } {
  return resolveColumnTest({
    own: options.perColumn?.[name],
    test: options.test,
    threshold: options.threshold,
    defaultTest,
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
