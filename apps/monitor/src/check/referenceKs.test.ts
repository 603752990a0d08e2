import { rmSync } from 'node:fs';
import { fileSystemStores } from '@mlops/registry';
import { logTraffic, monitor, registeredHome } from '../__tests__/fixture';
import { runCheck } from '../runCheck';

// 2,000 logged predictions of churn v1 (tenure_months shifted by 3) against the version's
// stored reference sample (its 2,400 training rows, seed 1, with the model's own predictions).
let home: string;
let older: string;
beforeAll(async () => {
  home = await registeredHome('mlops-monitor-ks-');
  older = await registeredHome('mlops-monitor-ks-older-', { referenceSample: false });
  for (const h of [home, older])
    await logTraffic(h, { from: new Date('2026-01-01T00:00:00Z'), rows: 2_000, shift: { tenure_months: 3 } });
});
afterAll(() => {
  rmSync(home, { recursive: true, force: true });
  rmSync(older, { recursive: true, force: true });
});

const column = (result: Awaited<ReturnType<typeof runCheck>>, name: string) => {
  const found = result.drift.columns.find((c) => c.column === name);
  if (!found) throw new Error(`no column ${name}`);
  return found;
};

test("--test ks compares every logged value with the version's reference sample and agrees with SciPy's ks_2samp", async () => {
  const result = await runCheck({
    home,
    registry: fileSystemStores(home).registry,
    model: 'churn',
    drift: { test: 'ks' },
    out: `${home}/report-ks`,
  });
  // /usr/bin/python3 (SciPy 1.10): ks_2samp(reference.arrow's column, the 2,000 logged values)
  //   tenure_months   → KstestResult(statistic=0.12975, pvalue=1.8534638331973932e-16)
  //   monthly_charges → KstestResult(statistic=0.025416666666666667, pvalue=0.47340478685991144)
  const tenure = column(result, 'tenure_months');
  expect(tenure).toMatchObject({
    test: 'ks',
    method: 'exact',
    referenceCount: 2_400,
    currentCount: 2_000,
    drifted: true,
  });
  expect(tenure.statistic).toBeCloseTo(0.12975, 12);
  expect(Math.abs((tenure.pValue as number) / 1.8534638331973932e-16 - 1)).toBeLessThan(1e-6);
  const charges = column(result, 'monthly_charges');
  expect(charges.statistic).toBeCloseTo(0.025416666666666667, 12);
  expect(charges.pValue).toBeCloseTo(0.47340478685991144, 10);
  expect(charges.drifted).toBe(false);
  // Categorical features: chi-square on the profile's counts.
  expect(column(result, 'contract').test).toBe('chi2');
  expect(result.reference_ks).toMatchObject({
    reference: 'reference-sample',
    reference_rows: 2_400,
    exact_rows_limit: 1_000_000,
    current_rows: 2_000,
    current: 'exact',
    statistic_error_bound: 0,
  });
  expect(result.reference_ks?.columns).toContain('tenure_months');
});

test('past MONITOR_EXACT_ROWS the window side is its sketch, and the report states the error bound', async () => {
  const run = await monitor(home, ['run', '--test', 'ks', '--json', '--out', `${home}/report-sketch`], {
    env: { MONITOR_EXACT_ROWS: '500' },
  });
  const result = run.json();
  expect(result.reference_ks).toMatchObject({
    current: 'sketch',
    exact_rows_limit: 500,
    statistic_error_bound: 0.01,
  });
  const tenure = result.drift.columns.find((c: { column: string }) => c.column === 'tenure_months');
  expect(tenure).toMatchObject({ test: 'ks', method: 'asymp', currentCount: 2_000 });
  expect(Math.abs(tenure.statistic - 0.12975)).toBeLessThanOrEqual(0.01);
});

test('a version registered without a reference sample gets KS on the profile bins and says so', async () => {
  const result = await runCheck({
    home: older,
    registry: fileSystemStores(older).registry,
    model: 'churn',
    drift: { test: 'ks' },
    out: `${older}/report`,
  });
  expect(result.reference_ks).toMatchObject({ reference: 'profile', reference_rows: null, columns: [] });
  expect(result.reference_ks?.note).toMatch(/no reference sample .*retrain to store one/);
  // KS on the profile's bins instead (a lower bound of D), chi-square on categorical fields.
  for (const c of result.drift.columns)
    expect(c).toMatchObject(c.kind === 'categorical' ? { test: 'chi2' } : { test: 'ks', method: 'binned' });
  const plain = await runCheck({
    home,
    registry: fileSystemStores(home).registry,
    model: 'churn',
    out: `${home}/report-plain`,
  });
  expect(plain.reference_ks).toBeNull();
});
