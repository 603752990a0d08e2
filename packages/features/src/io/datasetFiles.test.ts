import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { tempDirEachTest } from '../__tests__/tempDirEachTest';
import { categoricalColumn, DataTable, numericColumn } from '../table/DataTable';
import { readDataset } from './readDataset';
import { writeDataset } from './writeDataset';

const dir = tempDirEachTest('datasets-');

const table = new DataTable([
  numericColumn('x', [1.5, null, -3]),
  categoricalColumn('city', ['Zürich', null, 'Paris']),
]);
const rows = (t: DataTable) => Array.from({ length: t.numRows }, (_, row) => t.row(row));

test.each(['t.csv', 't.tsv', 't.arrow', 't.feather', 't.ipc', 't.parquet', 'T.PARQUET', 'T.Csv'])(
  'writes %s in the format its extension names and reads it back',
  async (name) => {
    const path = join(dir(), 'sub', name);
    await writeDataset(path, table);
    expect(rows(readDataset(path))).toEqual(rows(table));
    expect(readdirSync(join(dir(), 'sub'))).toEqual([name]); // no temporary file left
  },
);

test('each format is what its extension says: tabs in .tsv, Arrow IPC file magic, Parquet magic', async () => {
  await writeDataset(join(dir(), 'a.tsv'), table);
  expect(readFileSync(join(dir(), 'a.tsv'), 'utf8').split('\n')[0]).toBe('x\tcity');
  await writeDataset(join(dir(), 'a.feather'), table);
  expect(readFileSync(join(dir(), 'a.feather')).subarray(0, 6).toString()).toBe('ARROW1');
  expect(tableFromIPC(readFileSync(join(dir(), 'a.feather'))).numRows).toBe(3);
  await writeDataset(join(dir(), 'a.parquet'), table);
  const parquet = readFileSync(join(dir(), 'a.parquet'));
  expect([parquet.subarray(0, 4).toString(), parquet.subarray(-4).toString()]).toEqual(['PAR1', 'PAR1']);
});

test('an unknown extension is an error naming the file and the extensions accepted', async () => {
  await expect(writeDataset(join(dir(), 'out.json'), table)).rejects.toThrow(
    expect.objectContaining({
      code: 'bad-file',
      message: expect.stringMatching(
        /cannot write '.*out\.json': it has extension '\.json', .*use one of \.csv, \.tsv, \.arrow, \.feather, \.ipc, \.parquet$/,
      ),
    }),
  );
  expect(existsSync(join(dir(), 'out.json'))).toBe(false);
  writeFileSync(join(dir(), 'data'), 'x\n1\n');
  expect(() => readDataset(join(dir(), 'data'))).toThrow(
    /cannot read '.*data': it has no extension, .*use one of \.csv, \.tsv, \.arrow, \.feather, \.ipc, \.arrows, \.parquet$/,
  );
});

test('.arrows (Arrow stream) is read but never written', async () => {
  await expect(writeDataset(join(dir(), 'out.arrows'), table)).rejects.toThrow(/extension '\.arrows'/);
});

test('readDataset passes CSV options through and Arrow/Parquet ignore them', async () => {
  writeFileSync(join(dir(), 'a.csv'), 'x;y\n-999;1\n2;NA\n');
  const csv = readDataset(join(dir(), 'a.csv'), { delimiter: ';', naValues: ['-999'] });
  expect(rows(csv)).toEqual([
    { x: null, y: '1' },
    { x: 2, y: 'NA' },
  ]);
  await writeDataset(join(dir(), 'a.parquet'), table);
  expect(rows(readDataset(join(dir(), 'a.parquet'), { naValues: ['Paris'] }))).toEqual(rows(table));
});
