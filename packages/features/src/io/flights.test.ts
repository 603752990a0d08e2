import { dirname, join } from 'node:path';
import { profileTable } from '../profile/profileTable';
import { readArrowFile } from './readArrowFile';
import { readDataset } from './readDataset';

// A real Arrow file nobody here wrote: 200,000 US flights (Int16 and Float32 columns).
const flights = join(dirname(require.resolve('vega-datasets')), '..', 'data', 'flights-200k.arrow');

test('loads flights-200k.arrow from vega-datasets with its rows and values', () => {
  const table = readArrowFile(flights);
  expect(table.numRows).toBe(200_000);
  expect(table.columnNames).toEqual(['delay', 'distance', 'time']);
  expect(table.columns.every((column) => column.kind === 'numeric')).toBe(true);
  expect(table.row(0)).toEqual({ delay: 0, distance: 1452, time: 0 });
  expect(table.row(1)).toEqual({ delay: 171, distance: 2227, time: 0 });
  // Float32 in the file: 23.983333… is stored as the nearest float32.
  expect(table.row(199_999)).toEqual({ delay: 0, distance: 1452, time: Math.fround(23.983333333333334) });
});

test('its profile matches NumPy on the same data', () => {
  // Reference from vega-datasets' flights-200k.json, the same rows as JSON:
  // numpy 1.24: delay.sum() 1500159, delay.mean() 7.500795, delay.std(ddof=1) 31.983781267687785,
  // np.quantile(distance, [.01, .5, .99]) → [89, 569, 2556]; delay min -86, max 1444
  const profile = profileTable(readDataset(flights));
  const delay = profile.columns.delay;
  const distance = profile.columns.distance;
  if (delay.kind !== 'numeric' || distance.kind !== 'numeric') throw new Error('expected numeric profiles');
  expect(delay.mean).toBeCloseTo(7.500795, 9);
  expect(delay.std).toBeCloseTo(31.983781267687785, 9);
  expect([delay.min, delay.max, delay.count, delay.missing]).toEqual([-86, 1444, 200_000, 0]);
  expect([distance.quantiles['0.01'], distance.quantiles['0.5'], distance.quantiles['0.99']]).toEqual([
    89, 569, 2556,
  ]);
});
