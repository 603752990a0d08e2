import { categoricalColumn, DataTable, generateChurn, numericColumn, profileTable } from '@mlops/features';
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

test('profile mode: Wasserstein and Jensen-Shannon by default on a large reference, PSI on request, KS refused', () => {
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
  expect(() => profileDrift(profile, current, { perColumn: { age: { test: 'ks' } } })).toThrow(
    /KS needs the raw reference data/,
  );
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
