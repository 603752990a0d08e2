import { createRng } from '../random/createRng';
import type { DatasetSchema } from '../schema/DatasetSchema';
import { categoricalColumn, DataTable, numericColumn } from '../table/DataTable';
import { roundTo } from './rounding';

const DAY_MS = 86_400_000;
/** 2023-01-01T00:00:00Z: the first day of generated sales. */
const START_MS = Date.UTC(2023, 0, 1);
/** Two years of trading. */
const DAYS = 731;

const categories = ['electronics', 'clothing', 'home', 'books', 'toys', 'grocery'] as const;
const categoryWeights = [0.14, 0.24, 0.16, 0.16, 0.1, 0.2];
/** Median unit price per category, in euros (prices are log-normal around it). */
const medianPrices = [180, 35, 55, 14, 25, 6];
const countries = ['de', 'fr', 'gb', 'es', 'it', 'nl', 'us'] as const;
const countryWeights = [0.28, 0.2, 0.17, 0.1, 0.1, 0.07, 0.08];
/** How a careless export spells a category: the gate's normalisation must undo these. */
const dirtySpellings = (category: string): string[] => [
  ` ${category}`,
  category.toUpperCase(),
  `${category[0].toUpperCase()}${category.slice(1)} `,
];

/** Columns of the raw `sales` dataset: an online shop's order lines. */
export const salesSchema: DatasetSchema = {
  name: 'sales',
  description:
    "An online shop's order lines over 2023-2024 with weekly and yearly seasonality and a growth trend; a few dirty rows (returns as negative quantities, missing prices and countries, badly spelled categories). Aggregate it per day with aggregateDailySales to forecast next-day revenue.",
  task: 'regression',
  target: 'quantity',
  columns: [
    { name: 'order_id', type: 'categorical', role: 'id', description: 'Order identifier' },
    {
      name: 'timestamp',
      type: 'numeric',
      role: 'time',
      description: 'Time of the order, epoch milliseconds (UTC)',
      min: START_MS,
      max: START_MS + DAYS * DAY_MS,
    },
    {
      name: 'customer_id',
      type: 'categorical',
      role: 'id',
      description: 'Customer identifier',
      sensitive: true,
    },
    {
      name: 'product_category',
      type: 'categorical',
      role: 'feature',
      description: 'Category of the product sold',
      categories: [...categories],
    },
    {
      name: 'unit_price',
      type: 'numeric',
      role: 'feature',
      description: 'Price of one unit in euros (missing on a few lines)',
      min: 0,
      max: 5_000,
    },
    {
      name: 'country',
      type: 'categorical',
      role: 'feature',
      description: 'Delivery country, ISO 3166 alpha-2, lower case (missing on a few lines)',
      categories: [...countries],
    },
    {
      name: 'quantity',
      type: 'numeric',
      role: 'target',
      description: 'Units on the line; negative for a return (aggregateDailySales nets returns off)',
      min: -20,
      max: 50,
      integer: true,
    },
  ],
};

/** Relative order intensity of a day: trend × weekly × yearly seasonality. */
function dayIntensity(day: number): number {
  const date = new Date(START_MS + day * DAY_MS);
  const weekday = date.getUTCDay(); // 0 = Sunday
  const weekly = [1.25, 0.85, 0.9, 0.95, 1.0, 1.1, 1.3][weekday];
  const dayOfYear = (day % 365.25) / 365.25;
  // A peak before Christmas and a summer low.
  const yearly =
    1 +
    0.25 * Math.cos(2 * Math.PI * (dayOfYear - 0.95)) +
    0.35 * Math.exp(-(((dayOfYear - 0.93) / 0.03) ** 2));
  const trend = 1 + 0.35 * (day / DAYS);
  return weekly * yearly * trend;
}

/**
 * Generates `rows` raw order lines of an online shop over 2023-2024 (see
 * {@link salesSchema}). Orders are spread over days in proportion to a growth trend
 * times weekly and yearly seasonality, and sorted by time. About 2 % of lines are
 * returns (negative quantity), 0.7 % miss their price, 0.5 % their country, and
 * 0.5 % spell their category badly (" Books", "BOOKS").
 */
export function generateSales(rows: number, seed: number): DataTable {
  const rng = createRng(seed);
  const cumulative = new Float64Array(DAYS);
  let total = 0;
  for (let day = 0; day < DAYS; day += 1) {
    total += dayIntensity(day);
    cumulative[day] = total;
  }
  const times = new Float64Array(rows);
  for (let i = 0; i < rows; i += 1) {
    const day = upperBound(cumulative, rng.next() * total);
    // Shopping hours: mostly 8:00-23:00.
    const hour = Math.min(23.99, Math.max(0, 15.5 + rng.normal() * 4));
    times[i] = START_MS + day * DAY_MS + Math.floor(hour * 3_600_000);
  }
  times.sort();

  const orderId: string[] = [];
  const customer: string[] = [];
  const category: Array<string | null> = [];
  const price = new Float64Array(rows);
  const country: Array<string | null> = [];
  const quantity = new Float64Array(rows);
  for (let i = 0; i < rows; i += 1) {
    orderId.push(`O${String(i + 1).padStart(8, '0')}`);
    // Skewed customers: a few buy often.
    customer.push(`K${String(Math.floor(20_000 * rng.next() ** 2)).padStart(5, '0')}`);
    const c = rng.weighted(categoryWeights);
    category.push(rng.next() < 0.005 ? rng.pick(dirtySpellings(categories[c])) : categories[c]);
    price[i] = rng.next() < 0.007 ? Number.NaN : roundTo(medianPrices[c] * Math.exp(0.45 * rng.normal()), 2);
    country.push(rng.next() < 0.005 ? null : countries[rng.weighted(countryWeights)]);
    const units = Math.min(20, 1 + rng.poisson(c === 5 ? 2.5 : 0.4));
    quantity[i] = rng.next() < 0.02 ? -Math.min(units, 3) : units;
  }

  return new DataTable([
    categoricalColumn('order_id', orderId),
    numericColumn('timestamp', times),
    categoricalColumn('customer_id', customer),
    categoricalColumn('product_category', category),
    numericColumn('unit_price', price),
    categoricalColumn('country', country),
    numericColumn('quantity', quantity),
  ]);
}

/** The first index whose cumulative weight exceeds `value`. */
function upperBound(cumulative: Float64Array, value: number): number {
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (cumulative[mid] > value) high = mid;
    else low = mid + 1;
  }
  return low;
}
