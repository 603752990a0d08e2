import { createRng } from '@mlops/features';
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

test('a column of few values gets the edges a full sort gives, whatever the order of its rows', () => {
  // One-hot, a flag with -0 and 0, counts 0…40 (more than the list, fewer than the bins), and a
  // continuous column (quantiles): each binned alone and as a column of the same matrix.
  const rows = 500;
  const columns = [
    (i: number) => (i % 7 === 3 ? 1 : 0),
    (i: number) => (i % 2 ? -0 : 0) + (i % 5 === 0 ? 2.5 : 0),
    (i: number) => (i * 13) % 41,
    (i: number) => Math.sin(i * 1.7) * 100,
  ];
  const width = columns.length;
  const matrix = Float64Array.from({ length: rows * width }, (_, k) =>
    columns[k % width](Math.floor(k / width)),
  );
  const binner = FeatureBinner.fit(matrix, rows, width, { maxBins: 32 });
  const midpoints = (values: number[]) => values.slice(1).map((v, i) => (values[i] + v) * 0.5);
  expect(Array.from(binner.edges[0])).toEqual([0.5]);
  expect(Array.from(binner.edges[1])).toEqual([1.25]);
  // 41 distinct counts > 32 bins: quantiles, not midpoints.
  expect(binner.edges[2]).toHaveLength(31);
  expect(binner.edges[3]).toHaveLength(31);
  const fewer = FeatureBinner.fit(matrix, rows, width, { maxBins: 64 });
  expect(Array.from(fewer.edges[2])).toEqual(midpoints(Array.from({ length: 41 }, (_, v) => v)));
  // maxBins 2 on a column of three values: quantiles (here two edges collapse to one).
  const three = Float64Array.from({ length: 30 }, (_, i) => i % 3);
  expect(Array.from(FeatureBinner.fit(three, 30, 1, { maxBins: 2 }).edges[0])).toEqual([1]);
});

test('fitTransform gives the edges of a full sort and the bins transform gives, NaN, -0 and ties included', () => {
  const rng = createRng(9);
  const rows = 3000;
  const columns = [
    () => rng.normal(),
    () => (rng.next() < 0.1 ? Number.NaN : Math.round(rng.normal() * 50) / 10),
    () => (rng.next() < 0.5 ? -0 : 0) + (rng.next() < 0.01 ? 1e-300 : 0),
    () => rng.normal() * 1e300 * (rng.next() < 0.5 ? -1 : 1),
    () => rng.int(3),
  ];
  const width = columns.length;
  const matrix = new Float64Array(rows * width);
  for (let row = 0; row < rows; row += 1)
    for (let f = 0; f < width; f += 1) matrix[row * width + f] = columns[f]();
  const { binner, binned } = FeatureBinner.fitTransform(matrix, rows, width, { maxBins: 255 });
  expect(binned).toEqual(binner.transform(matrix, rows, width));
  for (let f = 0; f < width; f += 1) {
    const values = Float64Array.from({ length: rows }, (_, row) => matrix[row * width + f]).filter(
      (v) => !Number.isNaN(v),
    );
    const sorted = values.sort();
    // numpy.percentile(…, method='midpoint') of the sorted column, then unique (as featureEdges).
    const distinct = Array.from(new Set(sorted));
    const expected =
      distinct.length <= 255
        ? distinct.slice(1).map((v, i) => (distinct[i] + v) * 0.5)
        : Array.from({ length: 254 }, (_, q) => {
            const position = ((q + 1) / 255) * (sorted.length - 1);
            return (sorted[Math.floor(position)] + sorted[Math.ceil(position)]) * 0.5;
          }).filter((v, i, all) => i === 0 || v > all[i - 1]);
    expect(Array.from(binner.edges[f])).toEqual(expected);
  }
  expect(binner.edges[0]).toHaveLength(254);
  expect(binned.subarray(rows, 2 * rows)).toContain(MISSING_BIN);
});
