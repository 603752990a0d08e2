import { binCounts } from './binCounts';
import { populationStabilityIndex } from './populationStabilityIndex';

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
