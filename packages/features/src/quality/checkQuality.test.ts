import { churnSchema, generateChurn } from '../generators/churn';
import { type Column, categoricalColumn, DataTable, numericColumn } from '../table/DataTable';
import { checkQuality } from './checkQuality';
import { prepareDataset } from './prepareDataset';
import { formatQualityReport } from './QualityReport';

const base = generateChurn(400, 3);

function replace(name: string, column: Column): DataTable {
  return new DataTable(base.columns.map((c) => (c.name === name ? column : c)));
}

test('rejects a dataset without a required column', () => {
  const report = checkQuality(base.drop(['tenure_months']), churnSchema);
  expect(report.passed).toBe(false);
  expect(report.issues[0].message).toMatch(/column 'tenure_months' is missing/);
});

test('rejects text in a numeric column instead of reading it as NaN', () => {
  const values = Array.from({ length: base.numRows }, (_, i) => (i === 5 ? 'n/a' : String(i % 50)));
  const report = checkQuality(
    replace('tenure_months', categoricalColumn('tenure_months', values)),
    churnSchema,
  );
  expect(report.issues).toEqual([
    expect.objectContaining({ rule: 'wrong-type', count: 1, exampleRows: [5] }),
  ]);
  expect(report.issues[0].message).toMatch(/must be numeric but holds text such as 'n\/a'/);
});

test('rejects a column with more than 5 % missing values and imputes fewer', () => {
  const charges = base.numeric('monthly_charges').values;
  const many = Array.from(charges, (value, i) => (i % 10 === 0 ? null : value));
  const rejected = checkQuality(
    replace('monthly_charges', numericColumn('monthly_charges', many)),
    churnSchema,
  );
  expect(rejected.passed).toBe(false);
  expect(rejected.issues[0].message).toMatch(
    /'monthly_charges' has 10\.0 % missing values, over the 5 % limit/,
  );

  const few = Array.from(charges, (value, i) => (i % 50 === 0 ? null : value));
  const prepared = prepareDataset(
    replace('monthly_charges', numericColumn('monthly_charges', few)),
    churnSchema,
  );
  expect(prepared.report.passed).toBe(true);
  expect(prepared.report.imputed.monthly_charges).toBe(8);
  expect(prepared.table!.numeric('monthly_charges').values.some(Number.isNaN)).toBe(false);
});

test('rejects negative values where the schema forbids them, with example rows', () => {
  const complaints = Array.from(base.numeric('num_complaints').values, (value, i) => (i === 9 ? -2 : value));
  const report = checkQuality(
    replace('num_complaints', numericColumn('num_complaints', complaints)),
    churnSchema,
  );
  expect(report.issues).toEqual([expect.objectContaining({ rule: 'negative-value', exampleRows: [9] })]);
  expect(formatQualityReport(report)).toMatch(
    /REJECTED: churn.*\n {2}error {3}column 'num_complaints' has 1 values outside \[0, 20\].*rows 9/,
  );
});

test('rejects a target with one class or with missing labels', () => {
  const oneClass = checkQuality(
    replace('churn', numericColumn('churn', new Array(base.numRows).fill(0))),
    churnSchema,
  );
  expect(oneClass.issues.map((issue) => issue.rule)).toEqual(['single-class-target']);
  const labels = Array.from(base.numeric('churn').values, (value, i) => (i === 0 ? null : value));
  const unlabelled = checkQuality(replace('churn', numericColumn('churn', labels)), churnSchema);
  expect(unlabelled.issues.map((issue) => issue.rule)).toEqual(['target-missing']);
});
