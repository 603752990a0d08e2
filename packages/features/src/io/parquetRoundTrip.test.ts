import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDirEachTest } from '../__tests__/tempDirEachTest';
import { generateChurn } from '../generators/churn';
import { generateSales } from '../generators/sales';
import { type Column, categoricalColumn, DataTable, numericColumn } from '../table/DataTable';
import { readParquetFile } from './readParquetFile';
import { type WriteParquetOptions, writeParquetFile } from './writeParquetFile';

const dir = tempDirEachTest('parquet-');

async function roundTrip(table: DataTable, options?: WriteParquetOptions): Promise<DataTable> {
  const path = join(dir(), 'table.parquet');
  await writeParquetFile(path, table, options);
  return readParquetFile(path);
}

// Same names, kinds, dictionaries and codes, and numbers equal bit for bit (so -0,
// subnormals and infinities count, and every missing cell is the same NaN).
function expectIdentical(actual: DataTable, expected: DataTable): void {
  expect(actual.columnNames).toEqual(expected.columnNames);
  expected.columns.forEach((column: Column, index) => {
    const other = actual.columns[index];
    expect(other.kind).toBe(column.kind);
    if (column.kind === 'numeric' && other.kind === 'numeric') {
      expect(Buffer.from(other.values.buffer).equals(Buffer.from(column.values.buffer))).toBe(true);
    } else if (column.kind === 'categorical' && other.kind === 'categorical') {
      expect(other.dictionary).toEqual(column.dictionary);
      expect(Array.from(other.codes)).toEqual(Array.from(column.codes));
    }
  });
}

// Knocks out every `step`-th cell of every column, shifted per column.
function withMissing(table: DataTable, step: number): DataTable {
  return new DataTable(
    table.columns.map((column, index): Column => {
      if (column.kind === 'numeric') {
        const values = column.values.slice();
        for (let row = index % step; row < values.length; row += step) values[row] = Number.NaN;
        return { ...column, values };
      }
      const codes = column.codes.slice();
      for (let row = index % step; row < codes.length; row += step) codes[row] = -1;
      return { ...column, codes };
    }),
  );
}

test.each([
  ['churn', generateChurn(20_000, 3)],
  ['sales', generateSales(20_000, 4)],
])(
  'a generated %s table with missing values reads back identically, over several row groups',
  async (_, table) => {
    const holey = withMissing(table, 7);
    expectIdentical(await roundTrip(holey, { rowGroupRows: 6_000 }), holey);
    expect(readdirSync(dir())).toEqual(['table.parquet']);
  },
);

test('edge cases: empty string vs missing, unicode, NaN as missing, extreme numbers', async () => {
  const table = new DataTable([
    numericColumn('x', [Number.NaN, -0, 5e-324, Number.MAX_VALUE, Number.POSITIVE_INFINITY, null, 0.1 + 0.2]),
    categoricalColumn('s', ['', null, 'Zürich', '東京', '😀 e\u0301', '', 'a"b,c\nd']),
  ]);
  const back = await roundTrip(table);
  expectIdentical(back, table);
  expect(back.cell('x', 0)).toBeNull();
  expect(Object.is(back.cell('x', 1), -0)).toBe(true);
  expect([back.cell('s', 0), back.cell('s', 1)]).toEqual(['', null]);
});

test('a table of 0 rows keeps its columns and kinds', async () => {
  const table = new DataTable([numericColumn('x', []), categoricalColumn('c', [])]);
  const back = await roundTrip(table);
  expect(back.numRows).toBe(0);
  expectIdentical(back, table);
});

test('all-missing columns, also within a single row group', async () => {
  const table = new DataTable([
    numericColumn('x', [null, null, 1]),
    categoricalColumn('c', [null, null, null]),
  ]);
  expectIdentical(await roundTrip(table, { rowGroupRows: 2 }), table);
});

test('a dictionary out of first-appearance order or with unused categories comes back the same', async () => {
  // What take() and the splits produce: the full dictionary over some of the rows.
  const table = generateChurn(2_000, 5).take(Int32Array.from({ length: 300 }, (_, i) => 1_999 - i * 3));
  expect(table.categorical('customer_id').dictionary).toHaveLength(2_000);
  expectIdentical(await roundTrip(table, { rowGroupRows: 100 }), table);
});

test.each(['zstd', 'snappy', 'gzip', 'uncompressed'] as const)(
  'writes with %s compression',
  async (compression) => {
    const table = withMissing(generateChurn(1_000, 6), 5);
    expectIdentical(await roundTrip(table, { compression }), table);
  },
);

test('rejects bad options and a table without columns, writing nothing', async () => {
  const table = new DataTable([numericColumn('x', [1])]);
  await expect(writeParquetFile(join(dir(), 'a.parquet'), table, { rowGroupRows: 0 })).rejects.toThrow(
    /rowGroupRows must be a positive integer/,
  );
  await expect(
    // @ts-expect-error: a caller outside TypeScript
    writeParquetFile(join(dir(), 'a.parquet'), table, { compression: 'lzma' }),
  ).rejects.toThrow(/compression must be zstd, snappy, gzip or uncompressed, got 'lzma'/);
  await expect(writeParquetFile(join(dir(), 'a.parquet'), new DataTable([]))).rejects.toThrow(
    /needs at least one column/,
  );
  expect(readdirSync(dir())).toEqual([]);
});

test('a path it cannot write to is a bad-file error naming it', async () => {
  writeFileSync(join(dir(), 'file'), 'not a folder');
  await expect(writeParquetFile(join(dir(), 'file', 'x.parquet'), generateChurn(10, 1))).rejects.toThrow(
    expect.objectContaining({
      code: 'bad-file',
      message: expect.stringMatching(/cannot write '.*file\/x\.parquet'/),
    }),
  );
  expect(readdirSync(dir())).toEqual(['file']);
});
