import { categoricalColumn, DataTable, generateChurn, numericColumn } from '@mlops/features';
import { quasiSample } from '../__tests__/quasiSample';
import { DriftError } from '../errors';
import { driftReport } from './driftReport';
import { chooseDefaultTest, resolveColumnTest } from './driftTests';

function shift(table: DataTable, column: string, delta: number): DataTable {
  return new DataTable(
    table.columns.map((c) =>
      c.name === column
        ? numericColumn(
            column,
            Array.from(table.numeric(column).values, (v) => v + delta),
          )
        : c,
    ),
  );
}

test("default test choice follows Evidently's rule", () => {
  expect(chooseDefaultTest('numeric', 1000, 6)).toBe('ks');
  expect(chooseDefaultTest('numeric', 1000, 5)).toBe('chi2');
  expect(chooseDefaultTest('categorical', 800, 3)).toBe('chi2');
  expect(chooseDefaultTest('numeric', 1001, 6)).toBe('wasserstein');
  expect(chooseDefaultTest('numeric', 5000, 4)).toBe('jensenshannon');
  expect(chooseDefaultTest('categorical', 5000, 40)).toBe('jensenshannon');
});

test('a small reference gets KS and chi-square at p < 0.05; a shifted column is flagged, the others are not', () => {
  // Seed 5: at p < 0.05 about one column in twenty flags by chance (seed 2's contract does).
  const reference = generateChurn(800, 1).drop(['customer_id', 'churn']);
  const summary = driftReport(
    reference,
    shift(generateChurn(800, 5).drop(['customer_id', 'churn']), 'monthly_charges', 25),
  );
  const byColumn = Object.fromEntries(summary.columns.map((c) => [c.column, c]));
  expect(byColumn.monthly_charges).toMatchObject({
    test: 'ks',
    threshold: 0.05,
    drifted: true,
    method: 'exact',
  });
  expect(byColumn.contract).toMatchObject({ test: 'chi2', threshold: 0.05 });
  expect(summary.columns.filter((c) => c.drifted).map((c) => c.column)).toEqual(['monthly_charges']);
  expect(summary).toMatchObject({ mode: 'data', driftedColumns: 1, level: 'watch' });
});

test('a large reference gets normalised Wasserstein and Jensen-Shannon at 0.1', () => {
  const reference = generateChurn(5000, 1).drop(['customer_id', 'churn']);
  const current = shift(
    shift(shift(generateChurn(4000, 2).drop(['customer_id', 'churn']), 'age', 15), 'usage_hours', 20),
    'tenure_months',
    30,
  );
  const summary = driftReport(reference, current);
  const byColumn = Object.fromEntries(summary.columns.map((c) => [c.column, c]));
  expect(byColumn.age).toMatchObject({ test: 'wasserstein', threshold: 0.1, drifted: true });
  expect(byColumn.contract).toMatchObject({ test: 'jensenshannon', threshold: 0.1, drifted: false });
  expect(
    summary.columns
      .filter((c) => c.drifted)
      .map((c) => c.column)
      .sort(),
  ).toEqual(['age', 'tenure_months', 'usage_hours']);
  expect(summary.level).toBe('retrain');
});

test('normalised Wasserstein is the SciPy distance over the population std of the reference', () => {
  // scipy.stats.wasserstein_distance(x, y) / np.std(x) with x = sample(5000, 51), y = sample(4000, 52, 0.05, 1.1):
  // 0.147839288522858 / 0.40913790038956754
  const table = (values: Float64Array) => new DataTable([numericColumn('x', values)]);
  const [column] = driftReport(table(quasiSample(5000, 51)), table(quasiSample(4000, 52, 0.05, 1.1))).columns;
  expect(column.test).toBe('wasserstein');
  expect(Math.abs(column.statistic - 0.147839288522858 / 0.40913790038956754)).toBeLessThan(1e-10);
});

test('one test, a threshold, and per-column overrides', () => {
  const reference = generateChurn(3000, 1).drop(['customer_id', 'churn']);
  const current = generateChurn(3000, 2).drop(['customer_id', 'churn']);
  const summary = driftReport(reference, current, {
    columns: ['age', 'monthly_charges', 'contract'],
    test: 'psi',
    perColumn: { age: { test: 'ks', threshold: 0.01 } },
  });
  expect(summary.columns.map((c) => [c.column, c.test, c.threshold])).toEqual([
    ['age', 'ks', 0.01],
    ['monthly_charges', 'psi', 0.2],
    ['contract', 'psi', 0.2],
  ]);
  expect(summary.columns[0].pValue).toBeGreaterThan(0);
  // A column's own test is taken as asked: KS on a categorical column is refused, naming the fix.
  expect(() => driftReport(reference, current, { perColumn: { contract: { test: 'ks' } } })).toThrow(
    "test 'ks' needs numeric values but column 'contract' is categorical: use chi2, jensenshannon or psi",
  );
});

test('one numeric-only test for every column: KS on numeric columns, chi-square on categorical ones, each saying so', () => {
  const reference = generateChurn(800, 1).drop(['customer_id', 'churn']);
  const current = generateChurn(600, 2).drop(['customer_id', 'churn']);
  for (const [asked, counterpart] of [
    ['ks', 'chi2'],
    ['zscore', 'chi2'],
    ['wasserstein', 'jensenshannon'],
  ] as const) {
    const summary = driftReport(reference, current, { test: asked });
    for (const column of summary.columns) {
      if (column.kind === 'numeric') expect(column).toMatchObject({ test: asked });
      else expect(column).toMatchObject({ test: counterpart, requestedTest: asked });
      if (column.kind === 'numeric') expect(column.requestedTest).toBeUndefined();
    }
    expect(new Set(summary.columns.map((c) => c.kind))).toEqual(new Set(['numeric', 'categorical']));
  }
});

test('the chi-square of a categorical column matches scipy.stats.chisquare with the scaled reference', () => {
  const reference = new DataTable([
    categoricalColumn('c', [...Array(500).fill('a'), ...Array(300).fill('b'), ...Array(200).fill('c')]),
  ]);
  const current = new DataTable([
    categoricalColumn('c', [...Array(48).fill('a'), ...Array(35).fill('b'), ...Array(17).fill('c')]),
  ]);
  const [column] = driftReport(reference, current).columns;
  // scipy.stats.chisquare([48,35,17], [50,30,20]) → (1.3633333333333333, 0.5057733339556132)
  expect(column.test).toBe('chi2');
  expect(Math.abs(column.pValue! - 0.5057733339556132)).toBeLessThan(1e-9);
  expect(column.drifted).toBe(false);
});

test('every column it does not test is listed with the reason: excluded, one-sided, mistyped or empty', () => {
  const reference = new DataTable([
    categoricalColumn('id', ['a', 'b', 'c', 'd']),
    numericColumn('x', [1, 2, 3, 4]),
    numericColumn('gone', [1, 2, 3, 4]),
    numericColumn('mixed', [1, 2, 3, 4]),
    numericColumn('blank', [1, 2, 3, 4]),
  ]);
  const current = new DataTable([
    categoricalColumn('id', ['e', 'f', 'g', 'h']),
    numericColumn('x', [1, 2, 3, 5]),
    categoricalColumn('mixed', ['1', '2', 'n/a', '4']),
    numericColumn('blank', [Number.NaN, Number.NaN, Number.NaN, Number.NaN]),
    numericColumn('new', [1, 2, 3, 4]),
  ]);
  const summary = driftReport(reference, current, { exclude: { id: 'id column: never drift-tested' } });
  expect(summary.columns.map((c) => c.column)).toEqual(['x']);
  expect(summary.skipped).toEqual([
    { column: 'id', reason: 'id column: never drift-tested' },
    { column: 'gone', reason: 'only in the reference data' },
    { column: 'mixed', reason: 'numeric in the reference, categorical in the current data' },
    { column: 'blank', reason: 'no values in the current data' },
    { column: 'new', reason: 'only in the current data' },
  ]);
  // Columns asked for by name are tested as asked: a mismatch is an error, the rest are listed.
  const asked = driftReport(reference, current, { columns: ['x'] });
  expect(asked.skipped.map((s) => s.reason)).toEqual(Array(5).fill('not among the columns asked for'));
  expect(() => driftReport(reference, current, { columns: ['mixed'] })).toThrow(/make the types agree/);
});

test('two tables with no column to compare are nothing-to-compare, not stable', () => {
  const reference = new DataTable([numericColumn('x', [1, 2, 3, 4]), numericColumn('y', [1, 2, 3, 4])]);
  const disjoint = new DataTable([numericColumn('a', [1, 2])]);
  expect(() => driftReport(reference, disjoint)).toThrow(
    new DriftError(
      'nothing-to-compare',
      'nothing to compare: no column could be tested (x: only in the reference data; y: only in the reference data; a: only in the current data): give data that shares at least one column with values on both sides',
    ),
  );
  const noRows = reference.take(new Int32Array(0));
  for (const [ref, cur, what] of [
    [reference, noRows, 'the current data has no rows'],
    [noRows, reference, 'the reference data has no rows'],
  ] as const) {
    try {
      driftReport(ref, cur);
      throw new Error('expected nothing-to-compare');
    } catch (error) {
      expect(error).toBeInstanceOf(DriftError);
      expect((error as DriftError).code).toBe('nothing-to-compare');
      expect((error as DriftError).message).toContain(what);
      expect((error as DriftError).skipped.map((s) => s.column)).toEqual(['x', 'y']);
    }
  }
});

test('one rule picks every column test: own test, else the one asked, else the default; own threshold wins', () => {
  const evidently = () => 'wasserstein' as const;
  expect(resolveColumnTest({ defaultTest: evidently })).toEqual({ test: 'wasserstein', threshold: 0.1 });
  expect(resolveColumnTest({ test: 'ks', threshold: 0.01, defaultTest: evidently })).toEqual({
    test: 'ks',
    threshold: 0.01,
  });
  // A column's own test ignores the threshold asked for every column.
  expect(
    resolveColumnTest({ own: { test: 'psi' }, test: 'ks', threshold: 0.01, defaultTest: evidently }),
  ).toEqual({
    test: 'psi',
    threshold: 0.2,
  });
  expect(resolveColumnTest({ own: { threshold: 0.3 }, test: 'psi', defaultTest: evidently })).toEqual({
    test: 'psi',
    threshold: 0.3,
  });
});
