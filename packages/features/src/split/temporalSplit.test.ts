import { generateFraud } from '../generators/fraud';
import { DataTable, numericColumn } from '../table/DataTable';
import { temporalSplit } from './temporalSplit';

test('the latest 20 % of rows by time form the test set, in any row order', () => {
  const times = [50, 10, 90, 30, 70, 20, 100, 60, 40, 80];
  const split = temporalSplit(new DataTable([numericColumn('t', times)]), { timeColumn: 't' });
  expect(Array.from(split.test)).toEqual([2, 6]); // times 90 and 100
  expect(split.train.length).toBe(8);
});

test('every training row is earlier than every test row on a generated dataset', () => {
  const table = generateFraud(10_000, 3);
  const split = temporalSplit(table, { timeColumn: 'timestamp', testShare: 0.25 });
  expect(split.test.length).toBe(2_500);
  expect(split.train.length + split.test.length).toBe(10_000);
  const time = table.numeric('timestamp').values;
  const latestTrain = Math.max(...Array.from(split.train, (row) => time[row]));
  const earliestTest = Math.min(...Array.from(split.test, (row) => time[row]));
  expect(latestTrain).toBeLessThan(earliestTest);
});

test('rows with the same time stay on one side', () => {
  const split = temporalSplit(new DataTable([numericColumn('t', [1, 2, 3, 3, 3])]), { timeColumn: 't' });
  expect(Array.from(split.test)).toEqual([2, 3, 4]);
});

test('rejects rows without a time and a bad share, naming them', () => {
  const table = new DataTable([numericColumn('t', [1, null, 3])]);
  expect(() => temporalSplit(table, { timeColumn: 't' })).toThrow("time column 't' is missing at row 1");
  expect(() => temporalSplit(table, { timeColumn: 't', testShare: 1 })).toThrow(
    'testShare must be between 0 and 1, got 1',
  );
});
