import { generateSales } from '../generators/sales';
import { checkQuality } from '../quality/checkQuality';
import { categoricalColumn, DataTable, numericColumn } from '../table/DataTable';
import { aggregateDailySales } from './aggregateDailySales';
import { dailySalesSchema } from './dailySalesSchema';

const day = (d: number, hour = 12) => Date.UTC(2024, 0, d, hour);

test('nets returns off, prices missing prices at the category median, keeps empty days and labels with the next day', () => {
  const raw = new DataTable([
    numericColumn('timestamp', [day(1), day(1), day(1, 23), day(3), day(3), day(4)]),
    categoricalColumn('product_category', ['books', 'books', ' Books', 'toys', 'books', 'toys']),
    numericColumn('unit_price', [10, 20, null, 5, 12, 7]),
    numericColumn('quantity', [2, 1, -1, 4, 1, 1]),
  ]);
  const daily = aggregateDailySales(raw);
  // 2024-01-01 … 2024-01-04 is four days; the last has no next day and is dropped.
  expect(daily.numRows).toBe(3);
  expect(Array.from(daily.numeric('date').values)).toEqual([day(1, 0), day(2, 0), day(3, 0)]);
  // Day 1: 2×10 + 1×20 − 1×(median books price of 10, 20, 12 = 12) = 28.
  expect(Array.from(daily.numeric('revenue_total').values)).toEqual([28, 0, 32]);
  expect(Array.from(daily.numeric('label').values)).toEqual([0, 32, 7]);
  expect(Array.from(daily.numeric('order_count').values)).toEqual([2, 0, 2]);
  expect(Array.from(daily.numeric('return_count').values)).toEqual([1, 0, 0]);
  expect(Array.from(daily.numeric('units_sold').values)).toEqual([3, 0, 5]);
  // 2024-01-01 was a Monday.
  expect(Array.from(daily.numeric('day_of_week').values)).toEqual([0, 1, 2]);
  expect(Array.from(daily.numeric('revenue_mean_7d').values)).toEqual([28, 14, 20]);
});

test('days start at the shop’s midnight when given its UTC offset', () => {
  const raw = new DataTable([
    numericColumn('timestamp', [Date.UTC(2024, 0, 1, 23, 30), Date.UTC(2024, 0, 2, 12)]),
    numericColumn('unit_price', [1, 1]),
    numericColumn('quantity', [1, 1]),
  ]);
  // In UTC+2, 23:30 UTC is already 2 January: both lines fall on one day.
  expect(() => aggregateDailySales(raw, { utcOffsetMinutes: 120 })).toThrow(/at least two different days/);
  expect(aggregateDailySales(raw).numRows).toBe(1);
});

test('the generated sales aggregate into 730 labelled days that pass the daily schema', () => {
  const daily = aggregateDailySales(generateSales(60_000, 4));
  expect(daily.numRows).toBe(730);
  expect(daily.columnNames).toEqual(dailySalesSchema.columns.map((column) => column.name));
  const report = checkQuality(daily, dailySalesSchema);
  expect(report.issues.filter((issue) => issue.severity === 'error')).toEqual([]);
  // Weekly seasonality: Sundays sell more than Mondays on average.
  const revenue = daily.numeric('revenue_total').values;
  const weekday = daily.numeric('day_of_week').values;
  const mean = (d: number) => {
    const picked = revenue.filter((_, i) => weekday[i] === d);
    return picked.reduce((a, b) => a + b, 0) / picked.length;
  };
  expect(mean(6)).toBeGreaterThan(1.2 * mean(0));
});
