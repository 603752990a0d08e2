import { FeatureBinner, MISSING_BIN } from './FeatureBinner';

// References from scikit-learn 1.2.1:
//   col = [(i*37 % 101)/7 for i in range(60)]; X = c_[col, [0,1,1,2,2,2]*10]
//   _BinMapper(n_bins=9).fit(X).bin_thresholds_   (n_bins includes the missing bin: max_bins=8)
const column = Array.from({ length: 60 }, (_, i) => ((i * 37) % 101) / 7);
const second = Array.from({ length: 60 }, (_, i) => [0, 1, 1, 2, 2, 2][i % 6]);
const x = Float64Array.from(column.flatMap((value, i) => [value, second[i]]));

test('bin edges are the quantiles scikit-learn picks, or midpoints when values are few', () => {
  const binner = FeatureBinner.fit(x, 60, 2, { maxBins: 8 });
  const expected = [
    1.7857142857142856, 3.428571428571429, 5.428571428571429, 7.071428571428571, 8.714285714285715,
    10.714285714285715, 12.357142857142858,
  ];
  expect(binner.edges[0]).toHaveLength(expected.length);
  expected.forEach((edge, i) => {
    expect(binner.edges[0][i]).toBeCloseTo(edge, 12);
  });
  expect(Array.from(binner.edges[1])).toEqual([0.5, 1.5]);
  expect(Array.from(binner.binCounts)).toEqual([8, 3]);
});

test('binning puts each value in the bin scikit-learn does and NaN in the missing bin', () => {
  const binner = FeatureBinner.fit(x, 60, 2, { maxBins: 8 });
  const binned = binner.transform(x, 60, 2);
  // _BinMapper(n_bins=9).fit(X).transform(X)[:12, 0]
  expect(Array.from(binned.subarray(0, 12))).toEqual([0, 2, 5, 0, 3, 6, 1, 4, 7, 2, 5, 0]);
  const missing = binner.transform(Float64Array.of(Number.NaN, 1), 1, 2);
  expect(missing[0]).toBe(MISSING_BIN);
  expect(missing[1]).toBe(1);
});

test('rejects a bin count outside 2…255', () => {
  expect(() => FeatureBinner.fit(x, 60, 2, { maxBins: 256 })).toThrow(/max_bins must be an integer in 2…255/);
});
