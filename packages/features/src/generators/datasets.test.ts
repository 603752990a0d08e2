import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeArrowFile } from '../io/writeArrowFile';
import { checkQuality } from '../quality/checkQuality';
import { creditSchema, generateCredit } from './credit';
import { datasetGenerators, getDatasetGenerator } from './datasets';
import { fraudSchema, generateFraud } from './fraud';
import { generateHousing } from './housing';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'generators-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const share = (values: Float64Array) => values.reduce((sum, value) => sum + value, 0) / values.length;

test.each(['churn', 'credit', 'fraud', 'housing', 'sales'])(
  '%s: the same seed writes a byte-identical Arrow file and another seed does not',
  async (name) => {
    const generator = getDatasetGenerator(name);
    await writeArrowFile(join(dir, `${name}-a.arrow`), generator.generate(3_000, 5));
    await writeArrowFile(join(dir, `${name}-b.arrow`), generator.generate(3_000, 5));
    await writeArrowFile(join(dir, `${name}-c.arrow`), generator.generate(3_000, 6));
    const a = readFileSync(join(dir, `${name}-a.arrow`));
    expect(a.equals(readFileSync(join(dir, `${name}-b.arrow`)))).toBe(true);
    expect(a.equals(readFileSync(join(dir, `${name}-c.arrow`)))).toBe(false);
  },
);

test.each(Object.keys(datasetGenerators))(
  '%s: columns follow the schema, every column is described, and its own gate passes',
  (name) => {
    const { schema, generate } = datasetGenerators[name];
    const table = generate(5_000, 3);
    expect(table.columnNames).toEqual(schema.columns.map((column) => column.name));
    for (const spec of schema.columns) {
      expect(spec.description).not.toBe('');
      expect(table.column(spec.name).kind).toBe(spec.type);
    }
    expect(schema.columns.filter((column) => column.role === 'target').map((c) => c.name)).toEqual([
      schema.target,
    ]);
    expect(checkQuality(table, schema).issues.filter((issue) => issue.severity === 'error')).toEqual([]);
  },
);

test('fraud has 0.2-2 % frauds at its default size of 50,000 rows × 14 columns', () => {
  const generator = getDatasetGenerator('fraud');
  expect(generator.defaultRows).toBe(50_000);
  const table = generateFraud(generator.defaultRows, 42);
  expect(table.columns.length).toBe(fraudSchema.columns.length);
  const rate = share(table.numeric('is_fraud').values);
  expect(rate).toBeGreaterThan(0.002);
  expect(rate).toBeLessThan(0.02);
});

test('frauds differ from honest transactions the way the generator says', () => {
  const table = generateFraud(50_000, 9);
  const fraud = table.numeric('is_fraud').values;
  const foreign = table.numeric('foreign').values;
  let fraudForeign = 0;
  let honestForeign = 0;
  for (let i = 0; i < fraud.length; i += 1) {
    if (fraud[i]) fraudForeign += foreign[i];
    else honestForeign += foreign[i];
  }
  const frauds = share(fraud) * fraud.length;
  expect(fraudForeign / frauds).toBeGreaterThan(0.25);
  expect(honestForeign / (fraud.length - frauds)).toBeLessThan(0.06);
});

test('credit defaults are 8-16 % and rise with debt-to-income', () => {
  const table = generateCredit(20_000, 2);
  const defaulted = table.numeric('default').values;
  expect(share(defaulted)).toBeGreaterThan(0.08);
  expect(share(defaulted)).toBeLessThan(0.16);
  const dti = table.numeric('debt_to_income').values;
  const rate = (keep: (value: number) => boolean) => {
    let hits = 0;
    let n = 0;
    dti.forEach((value, i) => {
      if (!keep(value)) return;
      n += 1;
      hits += defaulted[i];
    });
    return hits / n;
  };
  expect(rate((v) => v > 0.45)).toBeGreaterThan(1.5 * rate((v) => v < 0.15));
  expect(creditSchema.columns.find((column) => column.name === 'annual_income')?.sensitive).toBe(true);
});

test('housing has 20,640 rows × 8 features by default and a value capped at 5', () => {
  const generator = getDatasetGenerator('housing');
  expect(generator.defaultRows).toBe(20_640);
  const table = generateHousing(generator.defaultRows, 1);
  expect(generator.schema.columns.filter((column) => column.role === 'feature')).toHaveLength(8);
  const value = table.numeric('median_house_value').values;
  expect(Math.max(...value)).toBe(5);
  expect(Math.min(...value)).toBeGreaterThanOrEqual(0.15);
});

test('an unknown dataset name lists the known ones', () => {
  expect(() => getDatasetGenerator('nope')).toThrow(
    "unknown dataset 'nope': choose one of churn, credit, fraud, housing, sales",
  );
});
