import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDirEachTest } from '../__tests__/tempDirEachTest';
import { readCsvFile } from './readCsvFile';

const dir = tempDirEachTest('csv-');

function csv(text: string): string {
  const path = join(dir(), 'data.csv');
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
  expect(() => readCsvFile(csv('a\n1\n"open\n'))).toThrow(
    /^.*\.csv:3: the file ends inside a quoted field: a closing quote is missing$/,
  );
  expect(() => readCsvFile(csv('a,a\n1,2\n'))).toThrow(/names column 'a' twice/);
});

test('names the file it cannot open', () => {
  expect(() => readCsvFile(join(dir(), 'nope.csv'))).toThrow(/cannot read '.*nope\.csv'/);
});

describe('missing-value tokens', () => {
  test('NA, N/A, null, NULL, NaN, ? and the empty cell are missing by default, after trimming', () => {
    const table = readCsvFile(csv('x,s\n1,a\n NA ,N/A\nnull,NULL\nNaN,?\n,\n2,b\n'));
    expect(table.column('x').kind).toBe('numeric');
    expect(table.column('s').kind).toBe('categorical');
    expect(Array.from({ length: 6 }, (_, row) => table.cell('x', row))).toEqual([
      1,
      null,
      null,
      null,
      null,
      2,
    ]);
    expect(Array.from({ length: 6 }, (_, row) => table.cell('s', row))).toEqual([
      'a',
      null,
      null,
      null,
      null,
      'b',
    ]);
    expect(table.categorical('s').dictionary).toEqual(['a', 'b']);
  });

  test('one NA keeps a numeric column numeric with a missing value in its row', () => {
    const table = readCsvFile(csv('amount\n1.5\nNA\n-2\n'));
    expect(table.column('amount').kind).toBe('numeric');
    expect([0, 1, 2].map((row) => table.cell('amount', row))).toEqual([1.5, null, -2]);
  });

  test('naValues replaces the list; the empty cell stays missing', () => {
    const table = readCsvFile(csv('x,s\n1,NA\n-999,missing\n,?\n'), { naValues: ['-999', 'missing'] });
    expect([0, 1, 2].map((row) => table.cell('x', row))).toEqual([1, null, null]);
    expect([0, 1, 2].map((row) => table.cell('s', row))).toEqual(['NA', null, '?']);
  });

  test('with an empty list, NA is text and turns its column categorical', () => {
    const table = readCsvFile(csv('x\n1\nNA\n'), { naValues: [] });
    expect(table.column('x').kind).toBe('categorical');
    expect(table.cell('x', 1)).toBe('NA');
  });
});

test('a numeric column turned categorical keeps every cell as written, trimmed', () => {
  const table = readCsvFile(csv('price\n1.50\n 007 \n2\n1e3\nNA\n"1,063.71"\n1.50\n'), { chunkBytes: 4 });
  expect(table.column('price').kind).toBe('categorical');
  expect(Array.from({ length: 7 }, (_, row) => table.cell('price', row))).toEqual([
    '1.50',
    '007',
    '2',
    '1e3',
    null,
    '1,063.71',
    '1.50',
  ]);
  expect(table.categorical('price').dictionary).toEqual(['1.50', '007', '2', '1e3', '1,063.71']);
});

describe('encodings', () => {
  function bytes(name: string, data: Buffer): string {
    const path = join(dir(), name);
    writeFileSync(path, data);
    return path;
  }

  test('an invalid UTF-8 byte beyond the first chunk names the file, its line and the byte', () => {
    const lines = ['city,n'];
    for (let i = 0; i < 50; i += 1) lines.push(`Paris,${i}`);
    const head = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
    const path = bytes(
      'latin.csv',
      Buffer.concat([head, Buffer.from([0x63, 0x61, 0x66, 0xe9]), Buffer.from(',1\n')]),
    );
    expect(() => readCsvFile(path, { chunkBytes: 64 })).toThrow(
      /latin\.csv:52: invalid UTF-8 \(byte 0xE9\): save the file as UTF-8 or read it with encoding 'latin1'$/,
    );
  });

  test('finds a bad sequence that straddles two chunks, and one cut off at the end', () => {
    // "é" is C3 A9 in UTF-8; C3 followed by a newline is not valid.
    const straddling = bytes(
      'a.csv',
      Buffer.concat([Buffer.from('s\nab'), Buffer.from([0xc3, 0x0a, 0x61, 0x0a])]),
    );
    expect(() => readCsvFile(straddling, { chunkBytes: 4 })).toThrow(/a\.csv:2: invalid UTF-8 \(byte 0xC3\)/);
    const truncated = bytes('b.csv', Buffer.concat([Buffer.from('s\nx\ny'), Buffer.from([0xe2, 0x82])]));
    expect(() => readCsvFile(truncated, { chunkBytes: 3 })).toThrow(/b\.csv:3: invalid UTF-8 \(byte 0xE2\)/);
  });

  test('multi-byte characters split across chunks read back whole', () => {
    const path = bytes('u.csv', Buffer.from('name,n\nZoë,1\n東京,2\n😀,3\n', 'utf8'));
    const table = readCsvFile(path, { chunkBytes: 1 });
    expect([0, 1, 2].map((row) => table.cell('name', row))).toEqual(['Zoë', '東京', '😀']);
  });

  test("encoding 'latin1' reads ISO-8859-1 bytes, one character each", () => {
    const path = bytes('l.csv', Buffer.from('city,note\ncafé,\u0080\u00ff\n', 'latin1'));
    const table = readCsvFile(path, { encoding: 'latin1' });
    expect(table.cell('city', 0)).toBe('café');
    expect(table.cell('note', 0)).toBe('\u0080\u00ff');
  });

  test('a UTF-8 byte order mark at the start is skipped, in either encoding and any chunk size', () => {
    const path = bytes(
      'bom.csv',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('id,x\n1,2\n')]),
    );
    for (const chunkBytes of [1, 2, 1024]) {
      expect(readCsvFile(path, { chunkBytes }).columnNames).toEqual(['id', 'x']);
      expect(readCsvFile(path, { chunkBytes, encoding: 'latin1' }).columnNames).toEqual(['id', 'x']);
    }
  });

  test('rejects an unknown encoding by name', () => {
    // @ts-expect-error: a caller outside TypeScript
    expect(() => readCsvFile(csv('a\n1\n'), { encoding: 'utf-16' })).toThrow(
      /encoding must be 'utf-8' or 'latin1'/,
    );
  });
});
