import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tempDirEachTest } from '../__tests__/tempDirEachTest';
import { readParquetFile } from './readParquetFile';

const fixtures = join(__dirname, 'fixtures');

const dir = tempDirEachTest('parquet-read-');

test('reads a file written by another Parquet implementation, every type and codec', () => {
  // hyparquet-writer (JavaScript, not the Rust parquet-wasm reads with): two row
  // groups; Snappy, Gzip, Brotli and uncompressed columns; see fixtures/README.md.
  const table = readParquetFile(join(fixtures, 'hyparquet-types.parquet'));
  expect(table.numRows).toBe(5);
  expect(table.columns.map((column) => `${column.name}:${column.kind}`)).toEqual([
    'id:numeric',
    'big:numeric',
    'score:numeric',
    'ratio:numeric',
    'flag:categorical',
    'day:numeric',
    'at:numeric',
    'city:categorical',
  ]);
  const rows = Array.from({ length: 5 }, (_, row) => table.row(row));
  expect(rows.map((row) => row.id)).toEqual([1, 2, 3, 4, null]);
  expect(rows.map((row) => row.big)).toEqual([1, -2, 3_000_000_000, null, 5]);
  expect(rows.map((row) => row.score)).toEqual([0.1, -1.5, null, 1e300, 2.5]);
  expect(rows.map((row) => row.ratio)).toEqual([0.5, 0.25, 0.125, null, -2]);
  expect(rows.map((row) => row.flag)).toEqual(['true', 'false', null, 'true', 'false']);
  // Dates and timestamps as epoch milliseconds.
  expect(rows.map((row) => row.day)).toEqual([
    Date.UTC(2024, 0, 1),
    Date.UTC(2024, 1, 29),
    null,
    Date.UTC(1969, 11, 31),
    Date.UTC(2000, 0, 1),
  ]);
  expect(rows.map((row) => row.at)).toEqual([Date.UTC(2024, 0, 1, 12, 30), null, 0, 1, -1000]);
  expect(rows.map((row) => row.city)).toEqual(['Zürich', '東京', '', null, 'Zürich']);
  expect(table.categorical('city').dictionary).toEqual(['Zürich', '東京', '']);
});

test('an unsupported column type is an error naming the column and its type', () => {
  expect(() => readParquetFile(join(fixtures, 'hyparquet-binary.parquet'))).toThrow(
    expect.objectContaining({
      code: 'wrong-column-type',
      message: expect.stringMatching(/column 'blob' has type Binary which the platform cannot use/),
    }),
  );
});

test('a file that is not Parquet, or is cut short, is a bad-file error naming it', () => {
  const text = join(dir(), 'data.parquet');
  writeFileSync(text, 'a,b\n1,2\n');
  expect(() => readParquetFile(text)).toThrow(/data\.parquet' is not a readable Parquet file \(too short\)/);
  writeFileSync(text, 'a,b\n1,2\n3,4\n5,6\n');
  expect(() => readParquetFile(text)).toThrow(
    /data\.parquet' is not a readable Parquet file \(no PAR1 magic\)/,
  );
  const whole = readFileSync(join(fixtures, 'hyparquet-types.parquet'));
  writeFileSync(text, Buffer.concat([whole.subarray(0, 300), whole.subarray(whole.length - 8)]));
  expect(() => readParquetFile(text)).toThrow(expect.objectContaining({ code: 'bad-file' }));
  expect(() => readParquetFile(join(dir(), 'nope.parquet'))).toThrow(/cannot read '.*nope\.parquet'/);
});

test('reads flights-3m.parquet (3 M rows, Polars, Zstd) in a child process with peak RSS under 1 GB', () => {
  // A real file nobody here wrote, read by the built package in a process of its own
  // so maxRSS is this read's alone. Reference values read with hyparquet 1.31
  // (another implementation): 229 origins, 228 destinations, delay sum 20,003,603.
  const flights = join(dirname(require.resolve('vega-datasets')), '..', 'data', 'flights-3m.parquet');
  const script = `
    const { readParquetFile } = require(${JSON.stringify(join(__dirname, '..', '..', 'dist', 'index.js'))});
    const table = readParquetFile(${JSON.stringify(flights)});
    let delaySum = 0;
    for (const value of table.numeric('delay').values) delaySum += value;
    console.log(JSON.stringify({
      rows: table.numRows,
      columns: table.columns.map((column) => column.name + ':' + column.kind),
      sample: [0, 1, 272727, 1500000, 2999999].map((row) => table.row(row)),
      origins: table.categorical('origin').dictionary.length,
      destinations: table.categorical('destination').dictionary.length,
      delaySum,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
    }));`;
  const result = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
  expect(result.rows).toBe(3_000_000);
  expect(result.columns).toEqual([
    'date:numeric',
    'delay:numeric',
    'distance:numeric',
    'origin:categorical',
    'destination:categorical',
  ]);
  expect(result.sample).toEqual([
    { date: 978307260000, delay: 33, distance: 2176, origin: 'LAS', destination: 'PHL' },
    { date: 978307260000, delay: 19, distance: 215, origin: 'ATL', destination: 'SAV' },
    { date: 979745700000, delay: 14, distance: 325, origin: 'OAK', destination: 'BUR' },
    { date: 986208780000, delay: -10, distance: 166, origin: 'HPN', destination: 'BOS' },
    { date: 993945600000, delay: 33, distance: 373, origin: 'ATL', destination: 'CVG' },
  ]);
  expect([result.origins, result.destinations, result.delaySum]).toEqual([229, 228, 20_003_603]);
  expect(result.maxRssBytes).toBeLessThan(1e9);
});
