import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateChurn, generateSales, readArrowFile, writeArrowFile, writeCsvFile } from '@mlops/features';
import { useMlopsProcess } from './__tests__/cliProcess';

const { folders, mlops } = useMlopsProcess({ LOG_LEVEL: 'info' });
const vega = resolve(require.resolve('vega-datasets'), '..', '..', 'data');

test('prepare on a CSV without a schema: a string customer_id is an id, kept as written, never a feature', async () => {
  // The churn rows as a user's CSV: no schema sidecar, ids like 'C0000001'.
  await writeCsvFile(join(folders.work, 'my.csv'), generateChurn(2_400, 4));
  const prepared = await mlops('prepare', '--data', 'my.csv', '--target', 'churn', '--json');
  expect(prepared.code).toBe(0);
  expect(prepared.json.columns[0]).toEqual({
    name: 'customer_id',
    role: 'id',
    type: 'categorical',
    reason: 'named like an identifier',
  });
  expect(prepared.stderr).toMatch(/customer_id +id +categorical +\(named like an identifier\)/);
  const table = readArrowFile(prepared.json.path);
  expect(table.cell('customer_id', 0)).toBe('C0000001'); // not lower-cased
  const schema = JSON.parse(readFileSync(prepared.json.schema_path, 'utf8'));
  expect(schema.columns.find((c: { name: string }) => c.name === 'customer_id').categories).toBeUndefined();
  const profile = JSON.parse(readFileSync(prepared.json.profile_path, 'utf8'));
  expect(Object.keys(profile.columns)).not.toContain('customer_id');

  const trained = await mlops('train', '--data', prepared.json.path, '--name', 'churn', '--json');
  expect(trained.code).toBe(0);
  const model = JSON.parse(
    readFileSync(join(folders.home, 'registry', 'models', 'churn', 'versions', '1', 'model.json'), 'utf8'),
  );
  expect(model.features.map((f: { name: string }) => f.name)).not.toContain('customer_id');
  expect(model.idColumns.map((f: { name: string }) => f.name)).toEqual(['customer_id']);
  expect(model.preprocessing.steps.length).toBe(9);
});

test('a renamed id column is still recognised by its values; --id-columns, --exclude and --features override', async () => {
  const churn = generateChurn(600, 4);
  const renamed = churn.columns.map((c) => (c.name === 'customer_id' ? { ...c, name: 'customer' } : c));
  const { DataTable } = await import('@mlops/features');
  await writeCsvFile(join(folders.work, 'c.csv'), new DataTable(renamed));
  const inferred = await mlops('train', '--data', 'c.csv', '--target', 'churn', '--json');
  expect(inferred.json.columns[0]).toMatchObject({
    name: 'customer',
    role: 'id',
    reason: '100 % of its values are distinct (600 of 600)',
  });
  const overridden = await mlops(
    'train',
    '--data',
    'c.csv',
    '--target',
    'churn',
    '--id-columns',
    'age',
    '--exclude',
    'usage_hours',
    '--json',
  );
  const roles = Object.fromEntries(
    overridden.json.columns.map((c: { name: string; role: string }) => [c.name, c.role]),
  );
  expect(roles).toMatchObject({ age: 'id', customer: 'id', contract: 'feature' });
  expect(roles.usage_hours).toBeUndefined();
  const only = await mlops(
    'train',
    '--data',
    'c.csv',
    '--target',
    'churn',
    '--features',
    'tenure_months,contract',
    '--json',
  );
  expect(
    only.json.columns
      .filter((c: { role: string }) => c.role === 'feature')
      .map((c: { name: string }) => c.name),
  ).toEqual(['tenure_months', 'contract']);
  const unknown = await mlops('train', '--data', 'c.csv', '--target', 'churn', '--exclude', 'nope');
  expect(unknown.code).toBe(1);
  expect(unknown.stderr).toMatch(
    /error: --exclude names 'nope', which is not a column \(columns: customer, tenure_months,/,
  );
});

test("seattle-weather's date is a time column: not a 1,461-category feature, and --split temporal tests on the latest days", async () => {
  const weather = join(vega, 'seattle-weather.csv');
  const random = await mlops(
    'train',
    '--data',
    weather,
    '--target',
    'weather',
    '--model',
    'gradient_boosting',
    '--json',
  );
  expect(random.code).toBe(0);
  expect(random.json.task).toBe('multiclass');
  expect(random.json.columns[0]).toMatchObject({
    name: 'date',
    role: 'time',
    reason: "values parse as dates (e.g. '2012-01-01')",
  });
  expect(random.json.split).toBe(
    "random 80/20 split (the data has a time column 'date': --split temporal tests on the latest rows)",
  );
  const temporal = await mlops(
    'train',
    '--data',
    weather,
    '--target',
    'weather',
    '--split',
    'temporal',
    '--json',
  );
  expect(temporal.json.split).toBe("temporal split on 'date' (the latest 20 % is the test set)");
  expect(temporal.json.test_rows).toBe(292);
  await writeArrowFile(join(folders.work, 'churn.arrow'), generateChurn(300, 1));
  const none = await mlops('train', '--data', 'churn.arrow', '--target', 'churn', '--split', 'temporal');
  expect(none.code).toBe(1);
  expect(none.stderr).toMatch(
    /error: --split temporal needs a time column and .*churn\.arrow has none: name one with --time-column/,
  );
});

test('the daily revenue set splits by time by default, and says so', async () => {
  await writeArrowFile(join(folders.work, 'sales.arrow'), generateSales(30_000, 5));
  const daily = await mlops('prepare-daily', '--data', 'sales.arrow', '--json');
  expect(daily.code).toBe(0);
  const trained = await mlops('train', '--data', daily.json.path, '--model', 'linear', '--json');
  expect(trained.code).toBe(0);
  expect(trained.json.split).toBe(
    "temporal split on 'date' (the latest 20 % is the test set, the schema's default for a next-period label)",
  );
  const random = await mlops(
    'train',
    '--data',
    daily.json.path,
    '--model',
    'linear',
    '--split',
    'random',
    '--json',
  );
  expect(random.json.split).toBe('random 80/20 split (--split random)');
});

test('a numeric CSV column with a few cells that are not numbers fails the gate naming the values and rows', async () => {
  const lines = ['amount,visits,label'];
  for (let i = 0; i < 200; i += 1) lines.push(`${(100 + i * 3.7).toFixed(2)},${i % 9},${i % 2}`);
  lines[8] = '"1,063.71",3,1';
  lines[41] = 'n.a.,2,0';
  writeFileSync(join(folders.work, 'amounts.csv'), `${lines.join('\n')}\n`);
  const result = await mlops('prepare', '--data', 'amounts.csv', '--target', 'label', '--json');
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(
    /error: .*amounts\.csv failed the quality gate: column 'amount' is numeric but 2 of its cells are not numbers \('1,063\.71', 'n\.a\.'\): fix them at the source, or list missing-value spellings with --na-values/,
  );
  const issue = result.json.report.issues.find((i: { rule: string }) => i.rule === 'wrong-type');
  expect(issue.exampleRows).toEqual([7, 40]);
  expect(result.json.columns[0]).toMatchObject({ name: 'amount', type: 'numeric', role: 'feature' });
});
