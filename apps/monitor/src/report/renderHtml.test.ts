import type { ColumnDrift } from '@mlops/drift';
import { pValueCell, testLabel } from './renderHtml';

const base: ColumnDrift = {
  column: 'x',
  kind: 'numeric',
  test: 'ks',
  statistic: 0.1,
  threshold: 0.05,
  drifted: false,
};

test('the test cell says when --test gave way to its counterpart, and whether KS ran on the reference bins or values', () => {
  expect(testLabel({ ...base, kind: 'categorical', test: 'chi2', requestedTest: 'ks' })).toBe(
    'chi2 (--test ks does not fit categorical columns)',
  );
  expect(testLabel({ ...base, method: 'binned' })).toBe(
    'ks on the reference bins (D is a lower bound: the profile keeps no raw values)',
  );
  expect(testLabel({ ...base, test: 'psi', binned: true })).toBe(
    'psi on reference-bin counts (logged binned)',
  );
  expect(testLabel({ ...base, method: 'exact' })).toBe(
    "ks on the version's stored reference values (exact p-value)",
  );
});

test('the p-value cell shows the p-value, or why the test has none', () => {
  expect(pValueCell({ ...base, pValue: 0.012345678 })).toBe('0.01235');
  expect(pValueCell({ ...base, pValue: 0 })).toBe('0');
  expect(pValueCell({ ...base, test: 'wasserstein' })).toBe(
    'no p-value (wasserstein drifts at statistic ≥ threshold)',
  );
  expect(pValueCell({ ...base, test: 'zscore' })).toBe('no p-value (zscore drifts at |z| ≥ threshold)');
});
