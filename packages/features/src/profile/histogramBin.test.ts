import { churnSchema, generateChurn } from '../generators/churn';
import { histogramBin } from './histogramBin';
import { profileTable } from './profileTable';

const edges = Float64Array.from([20, 30, 40, 50, 60, 70]);

test.each([
  [-1e9, 0, 'far below the first edge'],
  [19.99, 0, 'just below the first edge'],
  [20, 0, 'on the first edge'],
  [29.999, 0, 'inside the first bin'],
  [30, 1, 'on an inner edge: the bin it opens'],
  [45, 2, 'inside a middle bin'],
  [69.5, 4, 'inside the last bin'],
  [70, 4, 'on the last edge: the last bin is closed'],
  [95, 4, 'above the last edge'],
])('%d falls in bin %d (%s)', (value, bin) => {
  expect(histogramBin(value, edges)).toBe(bin);
});

test("counting a table's values by histogramBin gives its profile's own histogram", () => {
  const table = generateChurn(3_000, 11);
  const profile = profileTable(table, { target: 'churn', exclude: ['customer_id'] });
  for (const spec of churnSchema.columns.filter((c) => c.type === 'numeric' && c.role === 'feature')) {
    const column = profile.columns[spec.name];
    if (column.kind !== 'numeric') throw new Error(`${spec.name} is not numeric`);
    const values = table.column(spec.name);
    if (values.kind !== 'numeric') throw new Error(`${spec.name} is not numeric`);
    const counts = new Array<number>(column.histogram.counts.length).fill(0);
    const bins = Float64Array.from(column.histogram.edges);
    for (const value of values.values) counts[histogramBin(value, bins)] += 1;
    expect([spec.name, counts]).toEqual([spec.name, column.histogram.counts]);
  }
});
