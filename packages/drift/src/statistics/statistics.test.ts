import { quasiSample } from '../__tests__/quasiSample';
import { binCounts } from './binCounts';
import { chiSquareSurvival } from './chiSquareSurvival';
import { chiSquareTest } from './chiSquareTest';
import { jensenShannonDistance } from './jensenShannonDistance';
import { meanZScore } from './meanZScore';
import { populationStabilityIndex } from './populationStabilityIndex';
import { radixSortFloat64 } from './radixSortFloat64';
import { wassersteinDistance } from './wassersteinDistance';

const relative = (actual: number, expected: number) =>
  expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);

test('PSI is zero for equal distributions and follows its formula otherwise', () => {
  expect(populationStabilityIndex([10, 20, 30], [1, 2, 3])).toBeCloseTo(0, 12);
  // shares [0.5, 0.5] vs [0.25, 0.75]: (0.25-0.5)ln(0.5) + (0.75-0.5)ln(1.5)
  expect(populationStabilityIndex([5, 5], [1, 3])).toBeCloseTo(
    -0.25 * Math.log(0.5) + 0.25 * Math.log(1.5),
    12,
  );
});

test('bins values by the reference edges, clamping the ends and skipping NaN', () => {
  expect(Array.from(binCounts([-5, 0, 0.5, 1, 1.5, 2, 9, Number.NaN], [0, 1, 2]))).toEqual([3, 4]);
});

test.each([
  // scipy.stats.chi2.sf(x, dof), SciPy 1.10.1
  [0.5, 1, 0.47950012218695337],
  [3.84, 1, 0.05004352124870519],
  [10, 3, 0.01856613546304325],
  [100, 10, 5.4497019829205215e-17],
  [250.5, 7, 2.168550897986437e-50],
  [1e-3, 20, 1.0],
  [30, 30, 0.4656537089440098],
  [1500, 1000, 1.0454640385980825e-22],
])('chi-square survival of %p with %p dof matches scipy.stats.chi2.sf', (x, dof, expected) => {
  expect(relative(chiSquareSurvival(x, dof), expected)).toBeLessThan(1e-9);
});

test('chi-square test scales the reference counts, as Evidently calls scipy.stats.chisquare', () => {
  // obs=[48,35,17]; ref=[500,300,200]; exp=[r*sum(obs)/sum(ref) for r in ref]
  // scipy.stats.chisquare(obs, exp) → (1.3633333333333333, 0.5057733339556132)
  const small = chiSquareTest([48, 35, 17], [500, 300, 200]);
  expect(relative(small.statistic, 1.3633333333333333)).toBeLessThan(1e-12);
  expect(relative(small.pValue, 0.5057733339556132)).toBeLessThan(1e-9);
  expect(small.dof).toBe(2);
  // obs=[120,260,95,25]; ref=[1000,2000,1500,500] → (54.66666666666667, 8.087654721580048e-12)
  const drifted = chiSquareTest([120, 260, 95, 25], [1000, 2000, 1500, 500]);
  expect(relative(drifted.statistic, 54.66666666666667)).toBeLessThan(1e-12);
  expect(relative(drifted.pValue, 8.087654721580048e-12)).toBeLessThan(1e-9);
});

test('a category the reference never had is infinitely surprising', () => {
  expect(chiSquareTest([5, 5, 1], [10, 10, 0])).toMatchObject({ statistic: Infinity, pValue: 0 });
});

test('Wasserstein distance matches scipy.stats.wasserstein_distance', () => {
  // scipy.stats.wasserstein_distance([0,1,3],[5,6,8]) = 5.0; ([3.4,3.9,7.5,7.8],[4.5,1.4]) = 2.7
  expect(wassersteinDistance([0, 1, 3], [5, 6, 8])).toBeCloseTo(5, 12);
  expect(relative(wassersteinDistance([3.4, 3.9, 7.5, 7.8], [4.5, 1.4]), 2.7)).toBeLessThan(1e-12);
  // wasserstein_distance(sample(5000, 51), sample(4000, 52, 0.05, 1.1)), sample as in quasiSample.ts
  const big = wassersteinDistance(quasiSample(5000, 51), quasiSample(4000, 52, 0.05, 1.1));
  expect(relative(big, 0.147839288522858)).toBeLessThan(1e-10);
});

test('Jensen-Shannon distance matches scipy.spatial.distance.jensenshannon', () => {
  // jensenshannon([0.1,0.4,0.5],[0.3,0.3,0.4]) etc., natural log unless base=2
  expect(relative(jensenShannonDistance([0.1, 0.4, 0.5], [0.3, 0.3, 0.4]), 0.1803596560271257)).toBeLessThan(
    1e-12,
  );
  expect(relative(jensenShannonDistance([1, 0, 0], [0, 1, 0]), 0.8325546111576977)).toBeLessThan(1e-12);
  expect(relative(jensenShannonDistance([10, 20, 0, 5], [3, 5, 8, 1]), 0.44860314991507394)).toBeLessThan(
    1e-12,
  );
  expect(
    relative(jensenShannonDistance([10, 20, 0, 5], [3, 5, 8, 1], { base: 2 }), 0.5388272960151825),
  ).toBeLessThan(1e-12);
});

test('mean z-score is the shift of the mean in reference standard deviations', () => {
  expect(meanZScore(10, 2, 13)).toBe(1.5);
  expect(meanZScore(10, 2, 9)).toBe(-0.5);
  expect(meanZScore(5, 0, 5)).toBe(0);
  expect(meanZScore(5, 0, 6)).toBe(Infinity);
});

test('radix sort orders doubles as the numeric sort does, negatives, zeros and infinities included', () => {
  const values = Float64Array.from(
    { length: 20_000 },
    (_, i) => ((i * 7919) % 20_011) - 10_000 + ((i * 31) % 97) / 97,
  );
  values.set([0, -0, Infinity, -Infinity, 1e-300, -1e-300, 1.5e300, -Number.MIN_VALUE], 0);
  const expected = Float64Array.from(values).sort();
  expect(Array.from(radixSortFloat64(values))).toEqual(Array.from(expected));
});
