import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCsvFile } from './readCsvFile';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'csv-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function csv(text: string): string {
  const path = join(dir, 'data.csv');
  writeFileSync(path, text);
  return path;
}

test('reads numbers, strings, quoted fields and empty cells as missing', () => {
  const table = readCsvFile(
    csv('id,amount,city,note\r\n1,2.5,Paris,"a, b"\r\n2,,"New ""York""","line\nbreak"\r\n3,-1e3,,\r\n'),
  );
  expect(table.numRows).toBe(3);
  expect(table.column('amount').kind).toBe('numeric');
  expect(table.cell('amount', 0)).toBe(2.5);
  expect(table.cell('amount', 1)).toBeNull();
  expect(table.cell('amount', 2)).toBe(-1000);
  expect(table.cell('city', 1)).toBe('New "York"');
  expect(table.cell('city', 2)).toBeNull();
  expect(table.cell('note', 0)).toBe('a, b');
  expect(table.cell('note', 1)).toBe('line\nbreak');
});

test('gives the same table whatever the chunk size', () => {
  const path = csv('a,b\n1,"x,""y"""\n2,z\n3,"w\r\nv"\n');
  const whole = readCsvFile(path);
  for (const chunkBytes of [1, 2, 3, 7]) {
    const chunked = readCsvFile(path, { chunkBytes });
    expect([0, 1, 2].map((row) => chunked.row(row))).toEqual([0, 1, 2].map((row) => whole.row(row)));
  }
});

test('a column with any text is categorical unless it is all numbers', () => {
  const table = readCsvFile(csv('zip,n\n01234,1\n99,x\n'), { categorical: ['zip'] });
  expect(table.column('zip').kind).toBe('categorical');
  expect(table.cell('zip', 0)).toBe('01234');
  expect(table.column('n').kind).toBe('categorical');
  expect(table.cell('n', 0)).toBe('1');
});

test('rejects a row whose field count differs from the header, naming the line', () => {
  expect(() => readCsvFile(csv('a,b\n1,2\n3,4,5\n'))).toThrow(
    /data\.csv:3: row has 3 fields but the header has 2/,
  );
});

test('rejects an unterminated quote and a duplicate header name', () => {
  expect(() => readCsvFile(csv('a\n"open\n'))).toThrow(/closing quote is missing/);
  expect(() => readCsvFile(csv('a,a\n1,2\n'))).toThrow(/names column 'a' twice/);
});

test('names the file it cannot open', () => {
  expect(() => readCsvFile(join(dir, 'nope.csv'))).toThrow(/cannot read '.*nope\.csv'/);
});
