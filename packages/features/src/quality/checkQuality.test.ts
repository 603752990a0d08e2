import { churnSchema, generateChurn } from '../generators/churn';
import { type Column, categoricalColumn, DataTable, numericColumn } from '../table/DataTable';
import { checkQuality } from './checkQuality';
import { prepareDataset } from './prepareDataset';
import { formatQualityReport } from './QualityReport';

const base = generateChurn(400, 3);

function replace(name: string, column: Column): DataTable {
  return new DataTable(base.columns.map((c) => (c.name === name ? column : c)));
}

/** The column `name` of the base table with some cells changed. */
function numbersWith(name: string, changes: Record<number, number | null>): Column {
  const values = Array.from(base.numeric(name).values, (value, row): number | null =>
    row in changes ? changes[row] : value,
  );
  return numericColumn(name, values);
}

function categoriesWith(name: string, changes: Record<number, string | null>): Column {
  const values = Array.from({ length: base.numRows }, (_, row) =>
    row in changes ? changes[row] : (base.cell(name, row) as string),
  );
  return categoricalColumn(name, values);
}

test('the clean base table passes with no issue at all', () => {
  const report = checkQuality(base, churnSchema);
  expect(report).toMatchObject({ passed: true, issues: [], duplicateRows: 0, rows: 400, columns: 11 });
});

test('rejects a dataset without a required column', () => {
  const report = checkQuality(base.drop(['tenure_months']), churnSchema);
  expect(report.passed).toBe(false);
  expect(report.issues).toEqual([
    expect.objectContaining({ rule: 'required-column', column: 'tenure_months' }),
  ]);
  expect(report.issues[0].message).toBe(
    "column 'tenure_months' is missing: the churn schema requires it (Months as a customer)",
  );
});

test('rejects a column with more than 5 % missing values and imputes fewer', () => {
  const tenth: Record<number, null> = {};
  for (let row = 0; row < base.numRows; row += 10) tenth[row] = null;
  const rejected = checkQuality(
    replace('monthly_charges', numbersWith('monthly_charges', tenth)),
    churnSchema,
  );
  expect(rejected.passed).toBe(false);
  expect(rejected.issues).toEqual([
    expect.objectContaining({ rule: 'missing-values', count: 40, exampleRows: [0, 10, 20, 30, 40] }),
  ]);
  expect(rejected.issues[0].message).toBe(
    "column 'monthly_charges' has 10.0 % missing values, over the 5 % limit: fill them in at the source or raise the limit",
  );

  const fiftieth: Record<number, null> = {};
  for (let row = 0; row < base.numRows; row += 50) fiftieth[row] = null;
  const prepared = prepareDataset(
    replace('monthly_charges', numbersWith('monthly_charges', fiftieth)),
    churnSchema,
  );
  expect(prepared.report.passed).toBe(true);
  expect(prepared.report.imputed.monthly_charges).toBe(8);
  expect(prepared.table!.numeric('monthly_charges').values.some(Number.isNaN)).toBe(false);
});

test('the missing-value limit is configurable', () => {
  const tenth: Record<number, null> = {};
  for (let row = 0; row < base.numRows; row += 10) tenth[row] = null;
  const table = replace('usage_hours', numbersWith('usage_hours', tenth));
  expect(checkQuality(table, churnSchema, { maxMissingShare: 0.15 }).passed).toBe(true);
  const strict = checkQuality(table, churnSchema, { maxMissingShare: 0.01 });
  expect(strict.issues[0].message).toMatch(/'usage_hours' has 10\.0 % missing values, over the 1 % limit/);
});

test('rejects negative values where the schema forbids them, with example rows', () => {
  const report = checkQuality(
    replace('num_complaints', numbersWith('num_complaints', { 9: -2, 31: -1 })),
    churnSchema,
  );
  expect(report.issues).toEqual([
    expect.objectContaining({
      rule: 'negative-value',
      column: 'num_complaints',
      count: 2,
      exampleRows: [9, 31],
    }),
  ]);
  expect(formatQualityReport(report)).toBe(
    [
      'REJECTED: churn, 400 rows × 11 columns',
      "  error   column 'num_complaints' has 2 negative values such as -2 but its schema's minimum is 0: fix them at the source (or lower the schema's min if they are valid, e.g. returns) (e.g. rows 9, 31)",
    ].join('\n'),
  );
});

// One bad cell in one column: the issue it raises, the row it names and the exact message.
test.each([
  {
    name: 'rejects text in a numeric column instead of reading it as NaN',
    column: () =>
      categoricalColumn(
        'tenure_months',
        Array.from({ length: base.numRows }, (_, i) => (i === 5 ? 'n/a' : String(i % 50))),
      ),
    rule: 'wrong-type',
    exampleRows: [5],
    message:
      "column 'tenure_months' is numeric but 1 of its cells are not numbers ('n/a'): fix them at the source, or list missing-value spellings with --na-values",
  },
  {
    name: 'rejects values above the schema maximum as out of range',
    column: () => numbersWith('tenure_months', { 3: 99 }),
    rule: 'out-of-range',
    exampleRows: [3],
    message:
      "column 'tenure_months' has 1 values outside [0, 72] such as 99: correct them or widen the schema's range",
  },
  {
    name: 'rejects fractions in a whole-number column',
    column: () => numbersWith('support_calls', { 7: 2.5 }),
    rule: 'not-integer',
    exampleRows: [7],
    message:
      "column 'support_calls' must hold whole numbers but has 1 fractions such as 2.5: round them or drop 'integer' from the schema",
  },
])('$name', ({ column, rule, exampleRows, message }) => {
  const replacement = column();
  const report = checkQuality(replace(replacement.name, replacement), churnSchema);
  expect(report.issues).toEqual([expect.objectContaining({ rule, count: 1, exampleRows })]);
  expect(report.issues[0].message).toBe(message);
});

describe('duplicate rows', () => {
  // Rows 0 and 1 appended again: rows 400 and 401 repeat them.
  const doubled = base.take(Int32Array.from([...Array(400).keys(), 0, 1]));

  test('are reported and dropped by default', () => {
    const prepared = prepareDataset(doubled, churnSchema);
    expect(prepared.report.issues).toEqual([
      expect.objectContaining({
        rule: 'duplicate-rows',
        severity: 'warning',
        count: 2,
        exampleRows: [400, 401],
      }),
    ]);
    expect(prepared.report.issues[0].message).toBe(
      '2 rows repeat an earlier row exactly (row 400 repeats row 0): the repeats are dropped',
    );
    expect(prepared.report).toMatchObject({ passed: true, duplicateRows: 2, droppedRows: 2 });
    expect(prepared.table!.numRows).toBe(400);
  });

  test("reject the dataset with duplicateRows: 'reject', and are kept with 'keep'", () => {
    const rejected = prepareDataset(doubled, churnSchema, { duplicateRows: 'reject' });
    expect(rejected.table).toBeUndefined();
    expect(rejected.report.issues[0]).toMatchObject({ rule: 'duplicate-rows', severity: 'error' });
    expect(rejected.report.issues[0].message).toMatch(/allow them with duplicateRows: 'drop'$/);
    expect(prepareDataset(doubled, churnSchema, { duplicateRows: 'keep' }).table!.numRows).toBe(402);
  });

  test('missing cells count as equal, different cells do not', () => {
    const table = new DataTable([
      numericColumn('x', [1, null, 1, null, 1]),
      categoricalColumn('c', ['a', null, 'b', null, 'a']),
    ]);
    const schema = { ...churnSchema, name: 't', target: 'x', task: 'regression' as const, columns: [] };
    const report = checkQuality(table, schema);
    expect(report.duplicateRows).toBe(2);
    expect(report.issues[0].exampleRows).toEqual([3, 4]);
  });
});

test('warns about a constant feature column', () => {
  const report = checkQuality(
    replace('usage_hours', numericColumn('usage_hours', new Array(base.numRows).fill(3))),
    churnSchema,
  );
  expect(report.passed).toBe(true);
  expect(report.issues).toEqual([expect.objectContaining({ rule: 'constant-column', severity: 'warning' })]);
  expect(report.issues[0].message).toBe(
    "column 'usage_hours' holds one value only (3): it tells a model nothing; drop it from the features",
  );
});

test('normalises the spelling of categories (trim, lower case) and counts it', () => {
  const table = replace(
    'contract',
    categoriesWith('contract', { 2: ' Month-To-Month', 4: 'ONE-YEAR ', 6: '   ' }),
  );
  const prepared = prepareDataset(table, churnSchema);
  const issue = prepared.report.issues.find((i) => i.rule === 'normalized-categories')!;
  expect(issue).toMatchObject({ severity: 'warning', column: 'contract', count: 3, exampleRows: [2, 4, 6] });
  expect(issue.message).toBe(
    "column 'contract' has 3 values not in trimmed lower-case spelling (e.g. ' Month-To-Month' → 'month-to-month'): normalised",
  );
  expect(prepared.report.normalized.contract).toBe(3);
  const contract = prepared.table!.categorical('contract');
  expect([...contract.dictionary].sort()).toEqual(['month-to-month', 'one-year', 'two-year']);
  expect(prepared.table!.cell('contract', 2)).toBe('month-to-month');
  expect(prepared.table!.cell('contract', 4)).toBe('one-year');
  // The blank cell became missing and was imputed with the most frequent contract.
  expect(prepared.report.imputed.contract).toBe(1);
});

test('counts categories the schema does not know, and rare ones', () => {
  const table = replace(
    'internet_service',
    categoriesWith('internet_service', { 8: 'satellite', 80: 'Satellite' }),
  );
  const report = checkQuality(table, churnSchema, { rareCategoryShare: 0.01 });
  expect(report.passed).toBe(true);
  const unknown = report.issues.find((i) => i.rule === 'unknown-category')!;
  expect(unknown).toMatchObject({ column: 'internet_service', count: 2, exampleRows: [8, 80] });
  expect(unknown.message).toBe(
    "column 'internet_service' has 2 values outside the schema's categories ('satellite'): models encode them as all zeros; add them to the schema or fix the data",
  );
  const rare = report.issues.find((i) => i.rule === 'rare-category')!;
  expect(rare).toMatchObject({ column: 'internet_service', count: 2, exampleRows: [8, 80] });
  expect(rare.message).toBe(
    "column 'internet_service' has 1 categories in under 1 % of rows ('satellite' ×2): their one-hot columns will be noisy; consider grouping them",
  );
  // 2 of 400 rows is not under the default 0.5 %.
  expect(checkQuality(table, churnSchema).issues.map((i) => i.rule)).toEqual([
    'normalized-categories',
    'unknown-category',
  ]);
});

test('rejects a target with one class or with missing labels', () => {
  const oneClass = checkQuality(
    replace('churn', numericColumn('churn', new Array(base.numRows).fill(0))),
    churnSchema,
  );
  expect(oneClass.issues.map((issue) => issue.rule)).toEqual(['single-class-target']);
  expect(oneClass.issues[0].message).toBe(
    "target 'churn' has only one class: a binary model needs at least two",
  );
  const unlabelled = checkQuality(replace('churn', numbersWith('churn', { 0: null })), churnSchema);
  expect(unlabelled.issues).toEqual([
    expect.objectContaining({ rule: 'target-missing', count: 1, exampleRows: [0] }),
  ]);
  expect(unlabelled.issues[0].message).toBe(
    "target 'churn' is missing in 1 rows: a label is needed on every training row",
  );
});

test('a rejected dataset gives no table, only the report', () => {
  const prepared = prepareDataset(
    replace('tenure_months', numbersWith('tenure_months', { 1: -5 })),
    churnSchema,
  );
  expect(prepared.table).toBeUndefined();
  expect(prepared.report.passed).toBe(false);
});

test('a categorical column read as numbers (zip codes) is treated as categories', () => {
  const table = replace(
    'contract',
    numericColumn(
      'contract',
      Array.from({ length: 400 }, (_, i) => i % 3),
    ),
  );
  const prepared = prepareDataset(table, churnSchema);
  expect(prepared.table!.column('contract').kind).toBe('categorical');
  expect(prepared.report.issues.find((i) => i.rule === 'unknown-category')?.count).toBe(400);
});

test('rejects a categorical feature with more values than the limit, naming the column and the fixes', () => {
  const ids = categoricalColumn(
    'contract',
    Array.from({ length: base.numRows }, (_, row) => `c-${row % 300}`),
  );
  const report = checkQuality(replace('contract', ids), churnSchema);
  expect(report.passed).toBe(false);
  const issue = report.issues.find((i) => i.rule === 'too-many-categories')!;
  expect(issue.message).toBe(
    "column 'contract' has 300 distinct values in 400 rows, over the limit of 200 for a categorical feature (one-hot encoding would give it 300 columns): mark it as an identifier (--id-columns contract), leave it out (--exclude contract), or group its values",
  );
  const wide = categoricalColumn(
    'contract',
    Array.from({ length: base.numRows }, (_, row) => `c-${row % 60}`),
  );
  expect(checkQuality(replace('contract', wide), churnSchema, { maxCategories: 50 }).issues).toContainEqual(
    expect.objectContaining({ rule: 'too-many-categories', count: 60 }),
  );
});

test('a numeric column with a few cells that are not numbers is an error naming the values and rows', () => {
  const values = Array.from(base.numeric('monthly_charges').values, String);
  values[3] = '1,063.71';
  values[9] = '?!';
  values[11] = '1,063.71';
  const report = checkQuality(
    replace('monthly_charges', categoricalColumn('monthly_charges', values)),
    churnSchema,
  );
  const issue = report.issues.find((i) => i.rule === 'wrong-type')!;
  expect(issue).toMatchObject({ severity: 'error', count: 3, exampleRows: [3, 9, 11] });
  expect(issue.message).toBe(
    "column 'monthly_charges' is numeric but 3 of its cells are not numbers ('1,063.71', '?!'): fix them at the source, or list missing-value spellings with --na-values",
  );
});

test('a time column written as dates becomes epoch milliseconds; a cell that is not a date rejects the data', () => {
  const schema = {
    name: 'daily',
    description: '',
    task: 'regression' as const,
    target: 'y',
    columns: [
      { name: 'day', type: 'numeric' as const, role: 'time' as const, description: '' },
      { name: 'x', type: 'numeric' as const, role: 'feature' as const, description: '' },
      { name: 'y', type: 'numeric' as const, role: 'target' as const, description: '' },
    ],
  };
  const days = ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04'];
  const table = (day: string[]) =>
    new DataTable([
      categoricalColumn('day', day),
      numericColumn('x', [1, 2, 3, 4]),
      numericColumn('y', [2, 3, 1, 4]),
    ]);
  const prepared = prepareDataset(table(days), schema);
  expect(Array.from(prepared.table!.numeric('day').values)).toEqual(
    days.map((d) => Date.parse(`${d}T00:00:00Z`)),
  );
  const bad = checkQuality(table(['2024-01-01', 'tomorrow', '2024-01-03', '2024-01-04']), schema);
  expect(bad.issues).toEqual([
    expect.objectContaining({
      rule: 'bad-time',
      exampleRows: [1],
      message:
        "time column 'day' holds 1 values that are not dates or timestamps ('tomorrow'): write times as 2024-01-31 or 2024-01-31T08:15:00Z",
    }),
  ]);
});
