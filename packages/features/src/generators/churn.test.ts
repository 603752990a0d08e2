import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeArrowFile } from '../io/writeArrowFile';
import { checkQuality } from '../quality/checkQuality';
import { churnSchema, generateChurn } from './churn';

test('the same seed writes a byte-identical file and another seed does not', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'churn-'));
  try {
    await writeArrowFile(join(dir, 'a.arrow'), generateChurn(2_000, 7));
    await writeArrowFile(join(dir, 'b.arrow'), generateChurn(2_000, 7));
    await writeArrowFile(join(dir, 'c.arrow'), generateChurn(2_000, 8));
    const a = readFileSync(join(dir, 'a.arrow'));
    expect(a.equals(readFileSync(join(dir, 'b.arrow')))).toBe(true);
    expect(a.equals(readFileSync(join(dir, 'c.arrow')))).toBe(false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('has 20-30 % churners and passes its own schema', () => {
  const table = generateChurn(20_000, 1);
  const churn = table.numeric('churn').values;
  const rate = churn.reduce((sum, value) => sum + value, 0) / churn.length;
  expect(rate).toBeGreaterThan(0.2);
  expect(rate).toBeLessThan(0.3);
  expect(table.columnNames).toEqual(churnSchema.columns.map((column) => column.name));
  expect(checkQuality(table, churnSchema).issues).toEqual([]);
});
