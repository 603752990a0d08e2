import { createRng } from '@mlops/features';
import { ColumnSorter } from './ColumnSorter';

function sortWith(values: number[]) {
  const sorter = new ColumnSorter(values.length + 5);
  sorter.values.set(values);
  sorter.rows.set(values.map((_, i) => i));
  const sorted = sorter.sort(values.length);
  return { values: Array.from(sorted.values), rows: Array.from(sorted.rows) };
}

test('sorts values ascending as Float64Array.prototype.sort does, -0 before 0, rows moving with them', () => {
  const rng = createRng(4);
  const values = Array.from({ length: 5000 }, (_, i) =>
    i % 97 === 0
      ? [-0, 0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 5e-324, -Number.MAX_VALUE][i % 6]
      : rng.normal() * 10 ** rng.int(12),
  );
  const sorted = sortWith(values);
  const expected = Float64Array.from(values).sort();
  expect(sorted.values.every((v, i) => Object.is(v, expected[i]))).toBe(true);
  expect(sorted.rows.every((row, i) => Object.is(values[row], sorted.values[i]))).toBe(true);
  expect(new Set(sorted.rows).size).toBe(values.length);
});

test('keeps rows of equal values in their order (stable), including a column of one value', () => {
  const ties = [3, 1, 3, 2, 1, 3, 2, 2, 1];
  const sorted = sortWith(ties);
  expect(sorted.values).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3]);
  expect(sorted.rows).toEqual([1, 4, 8, 3, 6, 7, 0, 2, 5]);
  expect(sortWith([7, 7, 7, 7]).rows).toEqual([0, 1, 2, 3]);
  expect(sortWith([]).values).toEqual([]);
  expect(sortWith([-1.5]).values).toEqual([-1.5]);
});
