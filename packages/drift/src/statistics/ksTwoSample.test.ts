import { quasiSample } from '../__tests__/quasiSample';
import { ksTwoSample } from './ksTwoSample';

type Args = [number, number, number, number, number | null];
const sample = ([n, seed, shift, scale, tie]: Args) => quasiSample(n, seed, shift, scale, tie ?? undefined);

// Computed with SciPy 1.10.1 (Debian python3-scipy):
//   r = scipy.stats.ks_2samp(sample(*a), sample(*b))  # method='auto', two-sided
// with `sample` as in ../__tests__/quasiSample.ts. Names say which branch of SciPy's
// `_kolmogn` the asymptotic cases take.
const cases: { name: string; a: Args; b: Args; statistic: number; pValue: number }[] = [
  // exact
  {
    name: 'equal sizes 8 and 8 (square method)',
    a: [8, 1, 0, 1, null],
    b: [8, 2, 0.3, 1, null],
    statistic: 0.375,
    pValue: 0.6601398601398599,
  },
  {
    name: '20 vs 15 (inside method)',
    a: [20, 3, 0, 1, null],
    b: [15, 4, 0.2, 1, null],
    statistic: 0.2833333333333333,
    pValue: 0.43471151170022326,
  },
  {
    name: 'ties: 60 vs 45 rounded to one decimal',
    a: [60, 5, 0, 1, 10],
    b: [45, 6, 0.1, 1, 10],
    statistic: 0.12777777777777777,
    pValue: 0.7547050070634825,
  },
  {
    name: '1000 vs 800, shifted 0.1',
    a: [1000, 7, 0, 1, null],
    b: [800, 8, 0.1, 1, null],
    statistic: 0.1,
    pValue: 0.0002558081529838337,
  },
  {
    name: '10000 vs 10000, shifted 0.02 (exact at the limit)',
    a: [10000, 9, 0, 1, null],
    b: [10000, 10, 0.02, 1, null],
    statistic: 0.0199,
    pValue: 0.03811973702041487,
  },
  // asymptotic: kstwo.sf(D, round(n1 n2 / (n1 + n2)))
  {
    name: '20000 vs 15000 (Smirnov tail)',
    a: [20000, 11, 0, 1, null],
    b: [15000, 12, 0, 1, null],
    statistic: 0.019000000000000017,
    pValue: 0.004053725964610586,
  },
  {
    name: '30000 vs 25000, shifted 0.03',
    a: [30000, 13, 0, 1, null],
    b: [25000, 14, 0.03, 1, null],
    statistic: 0.010246666666666682,
    pValue: 0.11334857434211043,
  },
  {
    name: '10001 vs 10001 (en = 5000.5 rounds to even)',
    a: [10001, 15, 0, 1, null],
    b: [10001, 16, 0.01, 1, null],
    statistic: 0.010098990100989969,
    pValue: 0.683709453019216,
  },
  {
    name: '50 vs 20000 (en <= 140)',
    a: [50, 17, 0, 1, null],
    b: [20000, 18, 0.05, 1, null],
    statistic: 0.15115,
    pValue: 0.183621965928229,
  },
  {
    name: '300000 vs 300000, same distribution',
    a: [300000, 19, 0, 1, null],
    b: [300000, 20, 0, 1, null],
    statistic: 4.0000000000040004e-5,
    pValue: 1,
  },
  {
    name: '200000 vs 150000, shifted 0.01, ties at 1e-3',
    a: [200000, 21, 0, 1, 1000],
    b: [150000, 22, 0.01, 1, 1000],
    statistic: 0.027000000000000024,
    pValue: 1.0240823459146446e-54,
  },
  {
    name: '12000 vs 11000, scaled 1.05',
    a: [12000, 23, 0, 1, null],
    b: [11000, 24, 0, 1.05, null],
    statistic: 0.04704545454545461,
    pValue: 1.7766069279135794e-11,
  },
  {
    name: 'Pelz-Good: 300000 vs 300000, shifted 0.0015',
    a: [300000, 25, 0, 1, null],
    b: [300000, 26, 0.0015, 1, null],
    statistic: 0.0011500000000000399,
    pValue: 0.9886698404859522,
  },
  {
    name: 'Pelz-Good: 150 vs 20000 (en = 149)',
    a: [150, 31, 0, 1, null],
    b: [20000, 32, 0.02, 1, null],
    statistic: 0.10626666666666662,
    pValue: 0.06414816722547823,
  },
  {
    name: 'Smirnov tail, tiny p: 300000 vs 250000, shifted 0.003',
    a: [300000, 27, 0, 1, null],
    b: [250000, 28, 0.003, 1, null],
    statistic: 0.03477999999999998,
    pValue: 9.478392709739455e-144,
  },
  {
    name: 'Durbin matrix: 40000 vs 40000',
    a: [40000, 29, 0, 1, null],
    b: [40000, 30, 0, 1, null],
    statistic: 0.00012500000000004174,
    pValue: 1,
  },
  {
    name: 'Durbin matrix, en <= 140: 60 vs 25000',
    a: [60, 41, 0, 1, null],
    b: [25000, 42, 0, 1, null],
    statistic: 0.10198666666666667,
    pValue: 0.5271519410219068,
  },
  {
    name: "SciPy's Pomeranz region: 80 vs 25000",
    a: [80, 41, -0.02, 1, null],
    b: [25000, 42, 0, 1, null],
    statistic: 0.12551999999999996,
    pValue: 0.14750874024396404,
  },
  {
    name: "SciPy's Pomeranz region: 110 vs 25000",
    a: [110, 41, -0.02, 1, null],
    b: [25000, 42, 0, 1, null],
    statistic: 0.12443272727272725,
    pValue: 0.06072518347002882,
  },
  {
    name: 'Smirnov, en <= 140: 130 vs 30000, shifted 0.08',
    a: [130, 35, 0, 1, null],
    b: [30000, 36, 0.08, 1, null],
    statistic: 0.18970256410256414,
    pValue: 0.00015397966531102388,
  },
];

test.each(cases)('matches scipy.stats.ks_2samp: $name', ({ a, b, statistic, pValue }) => {
  const result = ksTwoSample(sample(a), sample(b));
  expect(Math.abs(result.statistic - statistic)).toBeLessThanOrEqual(1e-9);
  expect(Math.abs(result.pValue - pValue)).toBeLessThanOrEqual(1e-6 * pValue);
});

const ASYMP_1000_800 = 0.0002563202183522537;

test('drops NaN and refuses an empty sample', () => {
  const result = ksTwoSample([1, Number.NaN, 2, 3], [1, 2, 3, Number.NaN]);
  expect(result.statistic).toBe(0);
  expect(result.pValue).toBe(1);
  expect(() => ksTwoSample([Number.NaN], [1])).toThrow(/needs values in both samples/);
});

test("method 'asymp' forces the Kolmogorov distribution on small samples", () => {
  // scipy.stats.ks_2samp(sample(1000, 7), sample(800, 8, 0.1), method='asymp').pvalue
  const result = ksTwoSample(quasiSample(1000, 7), quasiSample(800, 8, 0.1), { method: 'asymp' });
  expect(result.method).toBe('asymp');
  expect(Math.abs(result.pValue - ASYMP_1000_800) / ASYMP_1000_800).toBeLessThan(1e-6);
});
