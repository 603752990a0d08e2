import { categoricalColumn, DataTable, generateChurn, numericColumn, profileTable } from '@mlops/features';
import { DriftError } from '../errors';
import { mergeWindowProfiles } from '../profile/mergeWindowProfiles';
import { binnedWindow, profileWindow } from '../profile/profileWindow';
import { alertLevel } from './alertLevel';
import { profileDrift } from './profileDrift';

const reference = generateChurn(5_000, 1);
const profile = profileTable(reference, { target: 'churn', exclude: ['customer_id'] });

test('fresh data from the same process is stable', () => {
  const summary = profileDrift(profile, generateChurn(5_000, 2));
  expect(summary.level).toBe('stable');
  expect(summary.columns).toHaveLength(9);
  expect(Math.max(...summary.columns.map((c) => c.statistic))).toBeLessThan(0.05);
});

test('a shifted column is flagged and the untouched ones are not', () => {
  const current = generateChurn(5_000, 2);
  const shifted = new DataTable(
    current.columns.map((column) =>
      column.name === 'monthly_charges'
        ? numericColumn(
            'monthly_charges',
            Array.from(current.numeric('monthly_charges').values, (v) => v + 30),
          )
        : column,
    ),
  );
  const summary = profileDrift(profile, shifted);
  expect(summary.columns.filter((c) => c.drifted).map((c) => c.column)).toEqual(['monthly_charges']);
  expect(summary.level).toBe('watch');
});

test('counts categories the reference never saw', () => {
  const current = new DataTable([categoricalColumn('contract', ['weekly', 'weekly', 'one-year'])]);
  const [contract] = profileDrift(profile, current).columns;
  expect(contract.unseenCategories).toBe(2);
  expect(contract.drifted).toBe(true);
});

test('alert levels: 0 → stable, 1-2 → watch, 3+ or half the features → retrain', () => {
  expect(alertLevel(0, 10)).toBe('stable');
  expect(alertLevel(1, 10)).toBe('watch');
  expect(alertLevel(2, 10)).toBe('watch');
  expect(alertLevel(3, 10)).toBe('retrain');
  expect(alertLevel(2, 4)).toBe('retrain');
});

test('profile mode: Wasserstein and Jensen-Shannon by default on a large reference, PSI on request, KS refused on a categorical column of its own', () => {
  const current = generateChurn(5_000, 2);
  const defaults = profileDrift(profile, current);
  expect(defaults.mode).toBe('profile');
  expect(defaults.columns.find((c) => c.column === 'age')).toMatchObject({
    test: 'wasserstein',
    threshold: 0.1,
  });
  expect(defaults.columns.find((c) => c.column === 'contract')).toMatchObject({ test: 'jensenshannon' });
  const psi = profileDrift(profile, current, { test: 'psi' });
  expect(psi.columns.every((c) => c.test === 'psi' && c.threshold === 0.2)).toBe(true);
  expect(() => profileDrift(profile, current, { perColumn: { contract: { test: 'ks' } } })).toThrow(
    "test 'ks' does not apply to categorical column 'contract': give it chi2, jensenshannon or psi",
  );
});

test('profile mode --test ks: KS on the reference bins for numeric columns (a lower bound of D), chi-square for categorical', () => {
  const current = generateChurn(2_000, 2);
  const summary = profileDrift(profile, current, { test: 'ks' });
  for (const column of summary.columns) {
    if (column.kind === 'numeric') {
      expect(column).toMatchObject({ test: 'ks', method: 'binned', threshold: 0.05 });
      expect(column.requestedTest).toBeUndefined();
    } else expect(column).toMatchObject({ test: 'chi2', requestedTest: 'ks', threshold: 0.05 });
    expect(column.pValue).toBeGreaterThanOrEqual(0);
  }
  expect(summary.level).toBe('stable');
  const shifted = new DataTable([
    numericColumn(
      'monthly_charges',
      Array.from(current.numeric('monthly_charges').values, (v) => v + 30),
    ),
  ]);
  const [charges] = profileDrift(profile, shifted, { test: 'ks' }).columns;
  expect(charges.drifted).toBe(true);
  expect(charges.pValue).toBeLessThan(1e-6);
});

test('profile mode chi-square on a numeric column: one value beyond the reference range is not an infinite statistic', () => {
  const current = generateChurn(2_000, 2);
  const values = Float64Array.from(current.numeric('age').values);
  values[0] = profile.columns.age.kind === 'numeric' ? profile.columns.age.max + 50 : 0;
  const [age] = profileDrift(profile, new DataTable([numericColumn('age', Array.from(values))]), {
    test: 'chi2',
  }).columns;
  expect(Number.isFinite(age.statistic)).toBe(true);
  expect(age.drifted).toBe(false);
});

test('profile mode on a small reference: chi-square on the stored category counts, PSI for numbers', () => {
  const small = profileTable(generateChurn(600, 1), { target: 'churn', exclude: ['customer_id'] });
  const summary = profileDrift(small, generateChurn(600, 5));
  expect(summary.columns.find((c) => c.column === 'contract')).toMatchObject({
    test: 'chi2',
    threshold: 0.05,
  });
  expect(summary.columns.find((c) => c.column === 'age')).toMatchObject({ test: 'psi' });
});

test('histogram Wasserstein sees a shift beyond the reference range', () => {
  const current = generateChurn(2_000, 2);
  const far = new DataTable([
    numericColumn(
      'age',
      Array.from(current.numeric('age').values, (v) => v + 200),
    ),
  ]);
  const [age] = profileDrift(profile, far).columns;
  // A 200-year shift is many reference standard deviations, not just "the top bin".
  expect(age.statistic).toBeGreaterThan(5);
});

test('reference columns it does not test are listed with the reason, excluded ones with the caller’s', () => {
  const current = generateChurn(2_000, 2).drop(['age', 'contract']);
  const summary = profileDrift(profile, current, {
    exclude: { tenure_months: 'entity key: never drift-tested' },
  });
  expect(summary.columns.map((c) => c.column)).not.toContain('tenure_months');
  expect(summary.skipped).toEqual([
    { column: 'tenure_months', reason: 'entity key: never drift-tested' },
    { column: 'age', reason: 'not in the current data' },
    { column: 'contract', reason: 'not in the current data' },
  ]);
});

test('nothing to compare is an error naming what was empty, never a stable verdict', () => {
  // A window whose only logged column has no value: every reference column is left out.
  const empty = new DataTable([numericColumn('age', [Number.NaN, Number.NaN])]);
  const caught = catchDriftError(() => profileDrift(profile, empty));
  expect(caught.code).toBe('nothing-to-compare');
  expect(caught.message).toMatch(/^nothing to compare: no column could be tested \(tenure_months: not in/);
  expect(caught.skipped).toContainEqual({ column: 'age', reason: 'no values in the current data' });
  // A profile without columns (`{"columns": []}` on disk) has nothing to test either.
  const hollow = { ...profile, columns: [] as unknown as typeof profile.columns };
  expect(catchDriftError(() => profileDrift(hollow, generateChurn(100, 2))).message).toBe(
    'nothing to compare: the reference profile has no columns: register the version again with a profile of its features',
  );
  const noRows = generateChurn(10, 2).take(new Int32Array(0));
  expect(catchDriftError(() => profileDrift(profile, noRows)).message).toMatch(
    /^nothing to compare: the current window has no rows/,
  );
});

function catchDriftError(run: () => unknown): DriftError {
  try {
    run();
  } catch (error) {
    if (error instanceof DriftError) return error;
    throw error;
  }
  throw new Error('expected a DriftError');
}

/** The reference-histogram bin (0-based) of each value, clamped to the end bins, as the API logs it. */
function binIndices(values: Float64Array, edges: readonly number[]): Float64Array {
  const width = edges[1] - edges[0];
  const bins = edges.length - 1;
  return values.map((v) => Math.min(bins - 1, Math.max(0, Math.floor((v - edges[0]) / width))));
}

function binnedAge(table: DataTable, shift = 0): DataTable {
  const age = profile.columns.age;
  if (age.kind !== 'numeric') throw new Error('age is numeric');
  const values = table.numeric('age').values.map((v) => v + shift);
  return new DataTable([numericColumn('age', binIndices(values, age.histogram.edges))]);
}

test('a field known only by its reference-bin indices gets the test its values would get, on the same bins', () => {
  const current = generateChurn(2_000, 2);
  const binned = profileDrift(profile, profileWindow(binnedAge(current), profile, { binned: ['age'] }));
  const clear = profileDrift(profile, current.select(['age']));
  // 5,000 reference rows: the normalised histogram Wasserstein, as for the values themselves.
  expect(binned.columns).toEqual([
    expect.objectContaining({ column: 'age', binned: true, test: 'wasserstein', drifted: false }),
  ]);
  // Every value is inside the reference range, so the bins hold all the test needs.
  expect(binned.columns[0].statistic).toBeCloseTo(clear.columns[0].statistic, 12);
  const shifted = profileDrift(profile, profileWindow(binnedAge(current, 15), profile, { binned: ['age'] }));
  expect(shifted.columns[0]).toMatchObject({ column: 'age', binned: true, drifted: true });
  // On a small reference: PSI on the bins, as for values.
  const small = profileTable(generateChurn(600, 1), { target: 'churn', exclude: ['customer_id'] });
  const smallAge = small.columns.age;
  if (smallAge.kind !== 'numeric') throw new Error('age is numeric');
  const indices = binIndices(generateChurn(600, 5).numeric('age').values, smallAge.histogram.edges);
  const psi = profileDrift(
    small,
    profileWindow(new DataTable([numericColumn('age', indices)]), small, { binned: ['age'] }),
  );
  expect(psi.columns[0]).toMatchObject({ test: 'psi', threshold: 0.2, binned: true, drifted: false });
});

test('bin indices merge hour by hour; invalid indices are counted apart; a test that needs values gives way or is refused', () => {
  const age = binnedAge(generateChurn(400, 2));
  const hours = [0, 1].map((h) =>
    profileWindow(age.take(Int32Array.from({ length: 200 }, (_, i) => h * 200 + i)), profile, {
      binned: ['age'],
    }),
  );
  const merged = mergeWindowProfiles(hours);
  expect(merged.columns.age).toEqual(profileWindow(age, profile, { binned: ['age'] }).columns.age);
  const odd = binnedWindow([0, 1.5, 20, -1, Number.NaN, 19], 20);
  expect(odd).toMatchObject({ kind: 'binned', count: 2, missing: 1, invalid: 3 });
  // The z-score for every column gives way to chi-square on the bins; asked for the column itself, it is refused.
  expect(profileDrift(profile, merged, { test: 'zscore' }).columns[0]).toMatchObject({
    column: 'age',
    test: 'chi2',
    requestedTest: 'zscore',
    binned: true,
  });
  // KS needs only ordered bins: a binned field takes it on its bin counts.
  expect(profileDrift(profile, merged, { test: 'ks' }).columns[0]).toMatchObject({
    test: 'ks',
    method: 'binned',
    binned: true,
    drifted: false,
  });
  expect(() => profileDrift(profile, merged, { perColumn: { age: { test: 'zscore' } } })).toThrow(
    /column 'age' was logged as reference-bin indices .*test 'zscore' needs values/,
  );
});
