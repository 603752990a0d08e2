import { categoricalColumn, numericColumn } from '../table/DataTable';
import { parseTimestamp } from './parseTimestamp';
import { timeColumnValues } from './timeColumnValues';

test('dates and timestamps as people write them parse to epoch milliseconds, read as UTC without an offset', () => {
  expect(parseTimestamp('2012-01-31')).toBe(Date.UTC(2012, 0, 31));
  expect(parseTimestamp('2012/01/31')).toBe(Date.UTC(2012, 0, 31));
  expect(parseTimestamp('2012-01-31T08:15:00Z')).toBe(Date.UTC(2012, 0, 31, 8, 15));
  expect(parseTimestamp('2012-01-31 08:15')).toBe(Date.UTC(2012, 0, 31, 8, 15));
  expect(parseTimestamp('2012-01-31T08:15:30.250+02:00')).toBe(Date.UTC(2012, 0, 31, 6, 15, 30, 250));
  expect(parseTimestamp(' 2012-01-31T08:15:00-0130 ')).toBe(Date.UTC(2012, 0, 31, 9, 45));
});

test('impossible dates and other text are not times', () => {
  for (const text of [
    '2012-02-30',
    '2012-13-01',
    '31/01/2012',
    'yesterday',
    '2012-01-31T25:00',
    '20120131',
    '',
  ])
    expect(parseTimestamp(text)).toBeNaN();
});

test('a text time column becomes epoch milliseconds; a cell that is not a time is named', () => {
  const values = timeColumnValues(categoricalColumn('day', ['2024-01-02', null, '2024-01-01']));
  expect(Array.from(values)).toEqual([Date.UTC(2024, 0, 2), Number.NaN, Date.UTC(2024, 0, 1)]);
  const numbers = numericColumn('t', [1, 2]);
  expect(timeColumnValues(numbers)).toBe(numbers.values);
  expect(() => timeColumnValues(categoricalColumn('day', ['2024-01-02', 'soon']))).toThrow(
    "time column 'day' holds 'soon' at row 1, which is not a date or timestamp: write times as 2024-01-31 or 2024-01-31T08:15:00Z",
  );
});
