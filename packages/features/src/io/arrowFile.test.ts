import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { tempDirEachTest } from '../__tests__/tempDirEachTest';
import { categoricalColumn, DataTable, numericColumn } from '../table/DataTable';
import { readArrowFile } from './readArrowFile';
import { writeArrowFile } from './writeArrowFile';

const dir = tempDirEachTest('arrow-');

test('writes and reads back the same values, missing cells included', async () => {
  const table = new DataTable([
    numericColumn('x', [1.5, null, -3]),
    categoricalColumn('c', ['a', null, 'b']),
  ]);
  const path = join(dir(), 'out.arrow');
  await writeArrowFile(path, table);
  const back = readArrowFile(path);
  expect([0, 1, 2].map((row) => back.row(row))).toEqual([
    { x: 1.5, c: 'a' },
    { x: null, c: null },
    { x: -3, c: 'b' },
  ]);
  expect(readdirSync(dir())).toEqual(['out.arrow']);
});

test('reads the Arrow stream format written by another program', () => {
  const path = join(dir(), 'stream.arrows');
  const arrow = tableFromArrays({ n: Int32Array.from([1, 2, 3]), s: ['x', 'y', 'x'] });
  writeFileSync(path, tableToIPC(arrow, 'stream'));
  const table = readArrowFile(path);
  expect(table.cell('n', 2)).toBe(3);
  expect(table.cell('s', 1)).toBe('y');
});

test('rejects a file that is not Arrow with a message naming it', () => {
  const path = join(dir(), 'bad.arrow');
  writeFileSync(path, 'not arrow at all');
  expect(() => readArrowFile(path)).toThrow(/bad\.arrow' is not a readable Arrow IPC file/);
});

test('the same table writes the same bytes', async () => {
  const table = new DataTable([numericColumn('x', [1, 2]), categoricalColumn('c', ['a', 'b'])]);
  await writeArrowFile(join(dir(), 'a.arrow'), table);
  await writeArrowFile(join(dir(), 'b.arrow'), table);
  expect(readFileSync(join(dir(), 'a.arrow')).equals(readFileSync(join(dir(), 'b.arrow')))).toBe(true);
});
