import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { tempDirEachTest } from '../__tests__/tempDirEachTest';
import { FeaturesError } from '../errors';
import { categoricalColumn, DataTable, numericColumn } from '../table/DataTable';
import { defaultNaValues, readCsvFile } from './readCsvFile';
import { writeCsvFile } from './writeCsvFile';

const dir = tempDirEachTest('csv-properties-');

const rows = (table: DataTable) => Array.from({ length: table.numRows }, (_, row) => table.row(row));

// Text a CSV keeps as written: starts with a letter (never a number or a missing-value token),
// no edge spaces (the reader trims cells); quotes, delimiters, line breaks and unicode inside are fine.
const text = fc
  .tuple(fc.constantFrom('a', 'B', 'é', 'ж'), fc.string({ unit: 'grapheme', maxLength: 12 }))
  .map(([head, tail]) => `${head}${tail}`.trimEnd())
  .filter((value) => !defaultNaValues.includes(value));
const number = fc.double({ noNaN: true, noDefaultInfinity: true });

test('any table of numbers and text survives write → read, whatever the chunk size', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 30 }).chain((n) =>
        fc.record({
          numbers: fc.array(fc.option(number, { nil: null }), { minLength: n, maxLength: n }),
          texts: fc.array(fc.option(text, { nil: null }), { minLength: n, maxLength: n }),
        }),
      ),
      fc.integer({ min: 1, max: 64 }),
      async ({ numbers, texts }, chunkBytes) => {
        fc.pre(numbers.some((v) => v !== null) && texts.some((v) => v !== null));
        const table = new DataTable([numericColumn('x', numbers), categoricalColumn('s', texts)]);
        const path = join(dir(), 't.csv');
        await writeCsvFile(path, table);
        const back = readCsvFile(path, { chunkBytes });
        expect(back.column('x').kind).toBe('numeric');
        expect(rows(back)).toEqual(rows(table));
      },
    ),
    { numRuns: 150, seed: 20261201 },
  );
});

test('any bytes read as a table or fail with a FeaturesError naming the file, never anything else', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 1, max: 32 }), (bytes, chunkBytes) => {
      const path = join(dir(), 'any.csv');
      writeFileSync(path, bytes);
      try {
        const table = readCsvFile(path, { chunkBytes });
        expect(table).toBeInstanceOf(DataTable);
      } catch (error) {
        expect(error).toBeInstanceOf(FeaturesError);
        expect((error as FeaturesError).message).toContain(path);
      }
    }),
    { numRuns: 400, seed: 20261201 },
  );
});
