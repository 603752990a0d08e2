import { ksOnBins } from './ksOnBins';
import { ksTwoSample } from './ksTwoSample';

test('D is the largest gap of the two CDFs at the bin edges, the p-value SciPy kstwo.sf at round(n1 n2 / (n1 + n2))', () => {
  // CDFs at the edges: 0.1 0.3 0.6 1 against 0.4 0.7 0.9 1, so D = 0.4;
  // python3: scipy.stats.kstwo.sf(0.4, 50) = 9.86356336441006e-08 (SciPy 1.17.1).
  const result = ksOnBins([10, 20, 30, 40], [40, 30, 20, 10]);
  expect(result.statistic).toBeCloseTo(0.4, 12);
  expect(result.pValue).toBeCloseTo(9.86356336441006e-8, 18);
  expect(result.pValue / 9.86356336441006e-8).toBeCloseTo(1, 6);
});

test('the same counts on both sides are no drift: D 0, p 1', () => {
  expect(ksOnBins([5, 0, 7], [10, 0, 14])).toEqual({ statistic: 0, pValue: 1 });
});

test('binned D never exceeds the exact D of the samples it was binned from', () => {
  // Seeded samples: a shifted normal-ish pair, binned on 20 equal-width bins.
  let state = 7;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const sample = (n: number, shift: number) =>
    Float64Array.from({ length: n }, () => next() + next() + next() + shift);
  for (const shift of [0, 0.05, 0.3]) {
    const a = sample(3000, 0);
    const b = sample(2000, shift);
    const edges = Array.from({ length: 21 }, (_, i) => -0.5 + (i * 4.5) / 20);
    const bin = (values: Float64Array) => {
      const counts = new Array<number>(20).fill(0);
      for (const v of values)
        counts[Math.min(19, Math.max(0, Math.floor((v - edges[0]) / (edges[1] - edges[0]))))] += 1;
      return counts;
    };
    const binned = ksOnBins(bin(a), bin(b));
    const exact = ksTwoSample(a, b);
    expect(binned.statistic).toBeLessThanOrEqual(exact.statistic + 1e-12);
    expect(binned.pValue).toBeGreaterThanOrEqual(exact.pValue - 1e-12);
  }
});

test('an empty side or bins that do not match is refused, naming the function', () => {
  expect(() => ksOnBins([0, 0], [1, 2])).toThrow(/ksOnBins needs counts on both sides/);
  expect(() => ksOnBins([1, 2], [1, 2, 3])).toThrow(/ksOnBins needs the same bins on both sides/);
});
