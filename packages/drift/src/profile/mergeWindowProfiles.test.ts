import { DataTable, generateChurn, profileTable } from '@mlops/features';
import { mergeWindowProfiles } from './mergeWindowProfiles';
import { profileWindow } from './profileWindow';
import { QuantileSketch } from './QuantileSketch';
import { windowStatistics } from './windowStatistics';

const reference = profileTable(generateChurn(5_000, 1), { target: 'churn', exclude: ['customer_id'] });
const day = generateChurn(24_000, 3);

/** Rows [from, to) of a table. */
function slice(table: DataTable, from: number, to: number): DataTable {
  return table.take(Int32Array.from({ length: to - from }, (_, i) => from + i));
}

test('merging 24 hourly window profiles equals profiling the whole day', () => {
  const hours = Array.from({ length: 24 }, (_, h) =>
    // JSON round trip: windows are stored between runs.
    JSON.parse(JSON.stringify(profileWindow(slice(day, h * 1000, (h + 1) * 1000), reference))),
  );
  const merged = mergeWindowProfiles(hours);
  const whole = profileWindow(day, reference);
  expect(merged.rows).toBe(whole.rows);
  for (const [name, column] of Object.entries(whole.columns)) {
    const got = merged.columns[name];
    expect(got.kind).toBe(column.kind);
    if (column.kind === 'categorical' && got.kind === 'categorical') {
      expect(got.counts).toEqual(column.counts); // exact
      expect([got.count, got.missing]).toEqual([column.count, column.missing]);
    } else if (column.kind === 'numeric' && got.kind === 'numeric') {
      expect(got.counts).toEqual(column.counts); // exact
      expect([got.count, got.missing, got.min, got.max, got.below, got.above]).toEqual([
        column.count,
        column.missing,
        column.min,
        column.max,
        column.below,
        column.above,
      ]);
      expect(Math.abs(got.sum - column.sum)).toBeLessThan(1e-9 * Math.abs(column.sum) + 1e-9);
      expect(Math.abs(got.m2 - column.m2)).toBeLessThan(1e-9 * column.m2 + 1e-9);
      // Quantiles within the sketch's rank error: each merged quantile's true rank
      // (an interval, for tied values) is within 2 % of its level.
      const values = Float64Array.from(day.numeric(name).values).sort();
      const n = values.length;
      for (const level of [0.05, 0.25, 0.5, 0.75, 0.95]) {
        const q = windowStatistics(got).quantiles[String(level)];
        const low = values.findIndex((v) => v >= q) / n;
        const highIndex = values.findIndex((v) => v > q);
        const high = highIndex === -1 ? 1 : highIndex / n;
        expect(level).toBeGreaterThan(low - 0.02);
        expect(level).toBeLessThan(high + 0.02);
      }
    }
  }
});

test('the quantile sketch keeps a bounded size and a rank error near 1 %', () => {
  const sketch = new QuantileSketch(200);
  const n = 200_000;
  for (let i = 0; i < n; i += 1) sketch.update((i * 7919) % n);
  const stored = sketch.toJSON().levels.reduce((total, level) => total + level.length, 0);
  expect(stored).toBeLessThan(1_000);
  for (const level of [0.01, 0.1, 0.5, 0.9, 0.99]) {
    expect(Math.abs(sketch.quantile(level) / n - level)).toBeLessThan(0.015);
  }
  expect(sketch.quantile(0)).toBe(0);
  expect(sketch.quantile(1)).toBe(n - 1);
});

test('windows binned on different edges do not merge', () => {
  const other = profileTable(generateChurn(500, 9), { exclude: ['customer_id'] });
  const a = profileWindow(slice(day, 0, 100), reference);
  const b = profileWindow(slice(day, 100, 200), other);
  expect(() => mergeWindowProfiles([a, b])).toThrow(/binned on different edges/);
});
