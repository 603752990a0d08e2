import { FeaturesError } from '../errors';
import { normalizeCategory } from '../quality/normalizeCategory';
import { nanMedian } from '../quality/summaries';
import { DataTable, numericColumn } from '../table/DataTable';

const DAY_MS = 86_400_000;

/** Options of {@link aggregateDailySales}: which raw columns hold what. */
export interface DailySalesOptions {
  /** Order time, epoch milliseconds. @default 'timestamp' */
  timeColumn?: string;
  /** Units per line, negative for returns. @default 'quantity' */
  quantityColumn?: string;
  /** Price of one unit. @default 'unit_price' */
  priceColumn?: string;
  /**
   * Category whose median price fills a line's missing price; without it (or when
   * the table lacks it) the overall median price does. @default 'product_category'
   */
  categoryColumn?: string;
  /** Offset of the shop's time zone from UTC, in minutes, so days start at its midnight. @default 0 */
  utcOffsetMinutes?: number;
}

/**
 * Turns raw order lines (the `sales` dataset, or any table with a time, a quantity
 * and a unit price) into one row per calendar day: revenue (returns, i.e. negative
 * quantities, are netted off rather than dropped), order, return and unit counts,
 * lagged revenue and calendar features, and `label` = the next day's revenue. Days
 * without orders are kept with zero revenue; the last day has no label and is
 * dropped. A line with a missing price is valued at its category's median price;
 * lines with a missing time or quantity are skipped. The result follows
 * {@link dailySalesSchema}.
 */
export function aggregateDailySales(table: DataTable, options: DailySalesOptions = {}): DataTable {
  const time = table.numeric(options.timeColumn ?? 'timestamp').values;
  const quantity = table.numeric(options.quantityColumn ?? 'quantity').values;
  const price = table.numeric(options.priceColumn ?? 'unit_price').values;
  const offset = (options.utcOffsetMinutes ?? 0) * 60_000;
  const fillPrice = priceFill(table, price, options.categoryColumn ?? 'product_category');

  let firstDay = Number.POSITIVE_INFINITY;
  let lastDay = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < time.length; i += 1) {
    if (Number.isNaN(time[i])) continue;
    const day = Math.floor((time[i] + offset) / DAY_MS);
    if (day < firstDay) firstDay = day;
    if (day > lastDay) lastDay = day;
  }
  const days = lastDay - firstDay + 1;
  if (!(days >= 2)) {
    throw new FeaturesError(
      'bad-argument',
      'aggregateDailySales needs order lines on at least two different days: the last day has no next-day label',
    );
  }
  const revenue = new Float64Array(days);
  const orders = new Float64Array(days);
  const returns = new Float64Array(days);
  const units = new Float64Array(days);
  for (let i = 0; i < time.length; i += 1) {
    const q = quantity[i];
    if (Number.isNaN(time[i]) || Number.isNaN(q)) continue;
    const day = Math.floor((time[i] + offset) / DAY_MS) - firstDay;
    revenue[day] += q * (Number.isNaN(price[i]) ? fillPrice(i) : price[i]);
    if (q < 0) returns[day] += 1;
    else {
      orders[day] += 1;
      units[day] += q;
    }
  }

  const rows = days - 1;
  const date = new Float64Array(rows);
  const lag6 = new Float64Array(rows);
  const mean7 = new Float64Array(rows);
  const weekday = new Float64Array(rows);
  const dayOfMonth = new Float64Array(rows);
  const month = new Float64Array(rows);
  const dayOfYear = new Float64Array(rows);
  const weekend = new Float64Array(rows);
  const label = new Float64Array(rows);
  let window = 0;
  for (let d = 0; d < rows; d += 1) {
    const start = (firstDay + d) * DAY_MS;
    const calendar = new Date(start);
    date[d] = start - offset;
    // Rounded to cents so the sums do not carry float noise into the file.
    revenue[d] = Math.round(revenue[d] * 100) / 100;
    window += revenue[d] - (d >= 7 ? revenue[d - 7] : 0);
    lag6[d] = d >= 6 ? revenue[d - 6] : Number.NaN;
    mean7[d] = Math.round((window / Math.min(7, d + 1)) * 100) / 100;
    weekday[d] = (calendar.getUTCDay() + 6) % 7;
    dayOfMonth[d] = calendar.getUTCDate();
    month[d] = calendar.getUTCMonth() + 1;
    dayOfYear[d] = Math.floor((start - Date.UTC(calendar.getUTCFullYear(), 0, 1)) / DAY_MS) + 1;
    weekend[d] = weekday[d] >= 5 ? 1 : 0;
    label[d] = Math.round(revenue[d + 1] * 100) / 100;
  }
  return new DataTable([
    numericColumn('date', date),
    numericColumn('revenue_total', revenue.subarray(0, rows)),
    numericColumn('order_count', orders.subarray(0, rows)),
    numericColumn('return_count', returns.subarray(0, rows)),
    numericColumn('units_sold', units.subarray(0, rows)),
    numericColumn('revenue_lag_6', lag6),
    numericColumn('revenue_mean_7d', mean7),
    numericColumn('day_of_week', weekday),
    numericColumn('day_of_month', dayOfMonth),
    numericColumn('month', month),
    numericColumn('day_of_year', dayOfYear),
    numericColumn('is_weekend', weekend),
    numericColumn('label', label),
  ]);
}

/** How to price a line whose price is missing: its category's median, else the overall median. */
function priceFill(table: DataTable, price: Float64Array, categoryName: string): (row: number) => number {
  const overall = nanMedian(price);
  const column = table.has(categoryName) ? table.column(categoryName) : undefined;
  if (column?.kind !== 'categorical') return () => overall;
  // Group by the normalised spelling, so " Books" is priced like "books".
  const keys = column.dictionary.map(normalizeCategory);
  const groups = new Map<string, number[]>();
  column.codes.forEach((code, row) => {
    if (code < 0 || Number.isNaN(price[row])) return;
    const list = groups.get(keys[code]) ?? [];
    list.push(price[row]);
    groups.set(keys[code], list);
  });
  const medians = new Map([...groups].map(([key, list]) => [key, nanMedian(Float64Array.from(list))]));
  return (row) => {
    const code = column.codes[row];
    return code < 0 ? overall : (medians.get(keys[code]) ?? overall);
  };
}
