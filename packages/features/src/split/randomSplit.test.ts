import { generateChurn } from '../generators/churn';
import { DataTable, numericColumn } from '../table/DataTable';
import { randomSplit } from './randomSplit';

const table = generateChurn(5_000, 11);

test('splits 80/20 with every row in exactly one set, the same way for the same seed', () => {
  const split = randomSplit(table, { seed: 1 });
  expect(split.test.length).toBe(1_000);
  expect(new Set([...split.train, ...split.test]).size).toBe(5_000);
  expect(randomSplit(table, { seed: 1 })).toEqual(split);
  expect(randomSplit(table, { seed: 2 }).test).not.toEqual(split.test);
});

test('a stratified split keeps the class share in both sets', () => {
  const churn = table.numeric('churn').values;
  const share = (rows: Int32Array) => rows.reduce((sum, row) => sum + churn[row], 0) / rows.length;
  const split = randomSplit(table, { seed: 4, stratifyBy: 'churn' });
  expect(Math.abs(share(split.train) - share(split.test))).toBeLessThan(0.002);
});

test('a stratified split keeps a rare class (1 %) in both sets in proportion', () => {
  const labels = Array.from({ length: 2_000 }, (_, i) => (i % 100 === 0 ? 1 : 0));
  const rare = new DataTable([numericColumn('y', labels)]);
  const split = randomSplit(rare, { seed: 3, stratifyBy: 'y', testShare: 0.25 });
  const positives = (rows: Int32Array) => Array.from(rows).filter((row) => labels[row] === 1).length;
  expect([positives(split.train), positives(split.test)]).toEqual([15, 5]);
  expect([split.train.length, split.test.length]).toEqual([1_500, 500]);
});
