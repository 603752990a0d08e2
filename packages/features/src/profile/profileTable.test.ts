import { categoricalColumn, DataTable, numericColumn } from '../table/DataTable';
import { profileTable } from './profileTable';

test('profiles numeric and categorical columns and the target apart', () => {
  const table = new DataTable([
    numericColumn('x', [1, 2, 3, 4, null]),
    categoricalColumn('c', ['a', 'b', 'a', null, 'a']),
    numericColumn('y', [0, 1, 0, 1, 1]),
    categoricalColumn('id', ['1', '2', '3', '4', '5']),
  ]);
  const profile = profileTable(table, { target: 'y', exclude: ['id'], bins: 3 });
  expect(Object.keys(profile.columns)).toEqual(['x', 'c']);
  expect(profile.columns.x).toMatchObject({ count: 4, missing: 1, mean: 2.5, min: 1, max: 4 });
  const x = profile.columns.x;
  if (x.kind !== 'numeric') throw new Error('x should be numeric');
  expect(x.std).toBeCloseTo(1.2909944487, 9); // sample std of 1..4
  expect(x.quantiles['0.5']).toBe(2.5);
  expect(x.histogram).toEqual({ edges: [1, 2, 3, 4], counts: [1, 1, 2] });
  expect(profile.columns.c).toEqual({
    kind: 'categorical',
    count: 4,
    missing: 1,
    frequencies: { a: 3, b: 1 },
  });
  expect(profile.target?.name).toBe('y');
});
