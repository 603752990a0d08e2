import { createRng } from '../random/createRng';
import { quantileSorted } from './profileTable';
import { quantilesInPlace } from './quantilesInPlace';

const levels = [0, 0.01, 0.25, 0.5, 0.75, 0.99, 1];

test('matches NumPy on a small sample', () => {
  // numpy 1.24: np.quantile([7, 1, 3, 10, 2], [0, .01, .25, .5, .75, .99, 1])
  //   → [1., 1.04, 2., 3., 7., 9.88, 10.]
  const got = quantilesInPlace(Float64Array.from([7, 1, 3, 10, 2]), levels);
  [1, 1.04, 2, 3, 7, 9.88, 10].forEach((value, i) => {
    expect(got[i]).toBeCloseTo(value, 12);
  });
});

test.each([
  ['random', (i: number, r: () => number) => r() * 1e6 + i * 0],
  ['sorted', (i: number) => i],
  ['reversed', (i: number) => -i],
  ['few distinct values', (_: number, r: () => number) => Math.floor(r() * 3)],
  ['all equal', () => 4],
  ['organ pipe', (i: number) => Math.abs(i - 50_000)],
])('equals a full sort on %s data', (_, make) => {
  const rng = createRng(8);
  const values = Float64Array.from({ length: 100_001 }, (__, i) => make(i, rng.next));
  const sorted = values.slice().sort();
  expect(quantilesInPlace(values, levels)).toEqual(levels.map((level) => quantileSorted(sorted, level)));
});

test('gives NaN for no values', () => {
  expect(quantilesInPlace(new Float64Array(0), [0.5])).toEqual([Number.NaN]);
});
