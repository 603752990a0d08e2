import { counterpartTests, driftTests, resolveColumnTest, testForKind, testKinds } from './driftTests';

const evidently = () => 'wasserstein' as const;

test('every test fits numeric columns; each that does not fit categorical ones has a counterpart that does', () => {
  for (const test of driftTests) {
    expect(testKinds[test]).toContain('numeric');
    const categorical = testForKind(test, 'categorical');
    expect(testKinds[categorical]).toContain('categorical');
    expect(categorical === test).toBe(testKinds[test].includes('categorical'));
  }
  expect(counterpartTests).toEqual({ ks: 'chi2', wasserstein: 'jensenshannon', zscore: 'chi2' });
});

test('a column known only by its reference bins takes KS and Wasserstein on them; the z-score gives way to chi-square', () => {
  expect(testForKind('ks', 'binned')).toBe('ks');
  expect(testForKind('wasserstein', 'binned')).toBe('wasserstein');
  expect(testForKind('zscore', 'binned')).toBe('chi2');
});

test('--test ks on a categorical column runs chi-square with the p-value threshold asked for, and says ks was asked', () => {
  expect(
    resolveColumnTest({ test: 'ks', threshold: 0.01, kind: 'categorical', defaultTest: evidently }),
  ).toEqual({
    test: 'chi2',
    threshold: 0.01,
    requestedTest: 'ks',
  });
  expect(resolveColumnTest({ test: 'ks', threshold: 0.01, kind: 'numeric', defaultTest: evidently })).toEqual(
    {
      test: 'ks',
      threshold: 0.01,
    },
  );
});

test('a threshold read on another scale does not carry over to the counterpart: z-score 0.5 is no chi-square p-value', () => {
  expect(
    resolveColumnTest({ test: 'zscore', threshold: 0.5, kind: 'categorical', defaultTest: evidently }),
  ).toEqual({
    test: 'chi2',
    threshold: 0.05,
    requestedTest: 'zscore',
  });
  expect(
    resolveColumnTest({ test: 'wasserstein', threshold: 0.2, kind: 'categorical', defaultTest: evidently }),
  ).toEqual({ test: 'jensenshannon', threshold: 0.2, requestedTest: 'wasserstein' });
});

test("a column's own test is taken as asked, never replaced", () => {
  expect(
    resolveColumnTest({ own: { test: 'ks' }, test: 'psi', kind: 'categorical', defaultTest: evidently }),
  ).toEqual({ test: 'ks', threshold: 0.05 });
});
