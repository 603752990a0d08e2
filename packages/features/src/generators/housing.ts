import { createRng } from '../random/createRng';
import type { DatasetSchema } from '../schema/DatasetSchema';
import { DataTable, numericColumn } from '../table/DataTable';
import { clamp, roundTo } from './rounding';

/** Two coastal job centres whose neighbourhoods cost more: [latitude, longitude, premium]. */
const centres = [
  [34.05, -118.25, 1.3],
  [37.77, -122.42, 1.7],
] as const;

/** Columns of the housing dataset: California-like census block groups and their median house value. */
export const housingSchema: DatasetSchema = {
  name: 'housing',
  description:
    'Census block groups of a California-like state and their median house value (regression; the value depends non-linearly on income and location, and is capped at 5.0 like the 1990 census data).',
  task: 'regression',
  target: 'median_house_value',
  columns: [
    {
      name: 'median_income',
      type: 'numeric',
      role: 'feature',
      description: 'Median household income of the block group, in $10,000',
      min: 0.4,
      max: 15.1,
    },
    {
      name: 'house_age',
      type: 'numeric',
      role: 'feature',
      description: 'Median age of the houses in years',
      min: 1,
      max: 52,
      integer: true,
    },
    {
      name: 'avg_rooms',
      type: 'numeric',
      role: 'feature',
      description: 'Average rooms per household',
      min: 1,
      max: 30,
    },
    {
      name: 'avg_bedrooms',
      type: 'numeric',
      role: 'feature',
      description: 'Average bedrooms per household',
      min: 0.3,
      max: 10,
    },
    {
      name: 'population',
      type: 'numeric',
      role: 'feature',
      description: 'People living in the block group',
      min: 3,
      max: 40_000,
      integer: true,
    },
    {
      name: 'avg_occupancy',
      type: 'numeric',
      role: 'feature',
      description: 'Average people per household',
      min: 0.7,
      max: 20,
    },
    {
      name: 'latitude',
      type: 'numeric',
      role: 'feature',
      description: 'Latitude in degrees',
      min: 32.5,
      max: 42,
    },
    {
      name: 'longitude',
      type: 'numeric',
      role: 'feature',
      description: 'Longitude in degrees',
      min: -124.4,
      max: -114.1,
    },
    {
      name: 'median_house_value',
      type: 'numeric',
      role: 'target',
      description: 'Median house value in $100,000, capped at 5.0',
      min: 0.14,
      max: 5,
    },
  ],
};

/**
 * Generates the housing dataset (20,640 rows by default, like the census data it
 * imitates). The value is `0.25 + 1.6 ln(1 + income) × (1 + premium near a centre,
 * decaying exponentially with distance) + 0.004 × age + a rooms bump around 5 rooms`,
 * times log-normal noise, capped at 5.0: non-linear in income and location, with
 * an interaction a linear model cannot represent.
 */
export function generateHousing(rows: number, seed: number): DataTable {
  const rng = createRng(seed);
  const income = new Float64Array(rows);
  const age = new Float64Array(rows);
  const rooms = new Float64Array(rows);
  const bedrooms = new Float64Array(rows);
  const population = new Float64Array(rows);
  const occupancy = new Float64Array(rows);
  const latitude = new Float64Array(rows);
  const longitude = new Float64Array(rows);
  const value = new Float64Array(rows);

  for (let i = 0; i < rows; i += 1) {
    const where = rng.weighted([0.45, 0.3, 0.25]);
    let lat: number;
    let lon: number;
    if (where < 2) {
      lat = centres[where][0] + rng.normal() * 0.5;
      lon = centres[where][1] + rng.normal() * 0.5;
    } else {
      // Inland valley: along a line from the north-west to the south-east.
      const t = rng.next();
      lat = 40.5 - 5.5 * t + rng.normal() * 0.4;
      lon = -122.3 + 3.8 * t + rng.normal() * 0.4;
    }
    latitude[i] = roundTo(clamp(lat, 32.5, 42), 2);
    longitude[i] = roundTo(clamp(lon, -124.4, -114.1), 2);
    let premium = 0;
    for (const [cLat, cLon, weight] of centres) {
      const distance = Math.hypot(latitude[i] - cLat, longitude[i] - cLon);
      premium += weight * Math.exp(-distance / 0.6);
    }
    income[i] = roundTo(clamp(Math.exp(1.25 + 0.45 * rng.normal() + 0.25 * premium), 0.4999, 15.0001), 4);
    age[i] = clamp(Math.round(29 + rng.normal() * 12.5), 1, 52);
    rooms[i] = roundTo(clamp(4.2 + 0.35 * income[i] + rng.normal() * 1.1, 1, 30), 3);
    bedrooms[i] = roundTo(clamp(rooms[i] * (0.2 + rng.normal() * 0.02), 0.3, 10), 3);
    occupancy[i] = roundTo(clamp(Math.exp(1.05 + 0.25 * rng.normal()), 0.7, 20), 3);
    population[i] = clamp(Math.round(Math.exp(7.05 + 0.75 * rng.normal())), 3, 40_000);
    const base =
      0.25 +
      1.6 * Math.log1p(income[i]) * (1 + premium) +
      0.004 * age[i] +
      0.25 * Math.exp(-(((rooms[i] - 5) / 1.5) ** 2)) -
      0.08 * Math.max(0, occupancy[i] - 3);
    value[i] = roundTo(clamp(0.55 * base * Math.exp(0.2 * rng.normal()), 0.14999, 5.00001), 4);
  }

  return new DataTable([
    numericColumn('median_income', income),
    numericColumn('house_age', age),
    numericColumn('avg_rooms', rooms),
    numericColumn('avg_bedrooms', bedrooms),
    numericColumn('population', population),
    numericColumn('avg_occupancy', occupancy),
    numericColumn('latitude', latitude),
    numericColumn('longitude', longitude),
    numericColumn('median_house_value', value),
  ]);
}
