import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { churnSchema, generateChurn } from '../generators/churn';
import { generateFraud } from '../generators/fraud';
import { readCsvFile } from '../io/readCsvFile';
import { categoricalColumn, DataTable, numericColumn } from '../table/DataTable';
import { applyColumnRoles, withTarget } from './applyColumnRoles';
import { inferSchema } from './inferSchema';
import { readSchemaFile, schemaPathFor, writeSchemaFile } from './schemaFile';

const vega = join(require.resolve('vega-datasets'), '..', '..', 'data');
const roles = (table: DataTable, options: Partial<Parameters<typeof inferSchema>[1]> = {}) =>
  Object.fromEntries(
    inferSchema(table, { name: 't', target: 'y', ...options }).columns.map((c) => [c.name, c.role]),
  );

test('a string customer id with a value per row is an id, not a 2,400-category feature', () => {
  const churn = generateChurn(2_400, 1);
  // The generator's ids renamed, so only their values can tell.
  const renamed = new DataTable(
    churn.columns.map((c) => (c.name === 'customer_id' ? { ...c, name: 'customer' } : c)),
  );
  const schema = inferSchema(renamed, { name: 'churn', target: 'churn' });
  const customer = schema.columns.find((c) => c.name === 'customer')!;
  expect(customer).toMatchObject({
    role: 'id',
    type: 'categorical',
    inferred: '100 % of its values are distinct (2400 of 2400)',
  });
  expect(customer.categories).toBeUndefined();
  expect(schema.columns.find((c) => c.name === 'contract')?.role).toBe('feature');
});

test('columns named like ids are ids whatever they hold; the fraud set keeps its ids out of the features', () => {
  const fraud = generateFraud(2_000, 3);
  const schema = inferSchema(fraud, { name: 'fraud', target: 'is_fraud' });
  const byRole = (role: string) => schema.columns.filter((c) => c.role === role).map((c) => c.name);
  expect(byRole('id')).toEqual(expect.arrayContaining(['transaction_id', 'card_id']));
  expect(byRole('feature')).not.toContain('transaction_id');
  const table = new DataTable([
    numericColumn('ID', [3, 1, 2]),
    numericColumn('accountId', [7, 9, 8]),
    categoricalColumn('uuid', ['a', 'a', 'b']),
    numericColumn('paid', [1, 0, 1]),
    numericColumn('y', [0, 1, 0]),
  ]);
  expect(roles(table)).toEqual({ ID: 'id', accountId: 'id', uuid: 'id', paid: 'feature', y: 'target' });
});

test('an integer sequence is an id; ordinary integers (income, counts) stay features', () => {
  const n = 50;
  const table = new DataTable([
    numericColumn(
      'row',
      Array.from({ length: n }, (_, i) => 1000 + i),
    ),
    numericColumn(
      'income',
      Array.from({ length: n }, (_, i) => 20_000 + ((i * 7919) % 50) * 1000),
    ),
    numericColumn(
      'visits',
      Array.from({ length: n }, (_, i) => i % 7),
    ),
    numericColumn(
      'y',
      Array.from({ length: n }, (_, i) => i % 2),
    ),
  ]);
  expect(roles(table)).toEqual({ row: 'id', income: 'feature', visits: 'feature', y: 'target' });
});

test("the seattle-weather file's date column is a time column, not a 1,461-category feature", () => {
  const table = readCsvFile(join(vega, 'seattle-weather.csv'));
  const schema = inferSchema(table, { name: 'weather', target: 'weather' });
  expect(schema.task).toBe('multiclass');
  expect(schema.columns.find((c) => c.name === 'date')).toMatchObject({
    role: 'time',
    type: 'numeric',
    inferred: "values parse as dates (e.g. '2012-01-01')",
  });
  expect(schema.columns.filter((c) => c.role === 'feature').map((c) => c.name)).toEqual([
    'precipitation',
    'temp_max',
    'temp_min',
    'wind',
  ]);
});

test('epoch milliseconds under a time-like name are a time; small numbers under such a name are not', () => {
  const t0 = Date.UTC(2024, 0, 1);
  const table = new DataTable([
    numericColumn('created_at', [t0 + 5, t0, t0 + 9]),
    numericColumn('session_time', [30, 12, 45]),
    numericColumn('y', [0, 1, 0]),
  ]);
  expect(roles(table)).toEqual({ created_at: 'time', session_time: 'feature', y: 'target' });
});

test('text that is mostly numbers is a numeric column (the quality gate reports the rest)', () => {
  const values = Array.from({ length: 100 }, (_, i) => String(1000 + i * 1.5));
  values[7] = '1,063.71';
  const table = new DataTable([
    categoricalColumn('amount', values),
    numericColumn(
      'y',
      values.map((_, i) => i % 2),
    ),
  ]);
  const amount = inferSchema(table, { name: 't', target: 'y' }).columns[0];
  expect(amount).toMatchObject({ name: 'amount', type: 'numeric', role: 'feature' });
});

test('--id-columns, --exclude and --features override inference; unknown names are refused', () => {
  const churn = generateChurn(300, 2);
  const schema = inferSchema(churn, {
    name: 'churn',
    target: 'churn',
    idColumns: ['age'],
    exclude: ['usage_hours'],
  });
  expect(schema.columns.find((c) => c.name === 'age')?.role).toBe('id');
  expect(schema.columns.some((c) => c.name === 'usage_hours')).toBe(false);
  const only = inferSchema(churn, {
    name: 'churn',
    target: 'churn',
    features: ['tenure_months', 'contract'],
  });
  expect(only.columns.map((c) => `${c.name}:${c.role}`)).toEqual([
    'customer_id:id',
    'tenure_months:feature',
    'contract:feature',
    'churn:target',
  ]);
  expect(() => inferSchema(churn, { name: 'c', target: 'churn', exclude: ['nope'] })).toThrow(
    /--exclude names 'nope', which is not a column \(columns: customer_id, /,
  );
  expect(() => inferSchema(churn, { name: 'c', target: 'churn', idColumns: ['churn'] })).toThrow(
    /--id-columns names the target 'churn'/,
  );
});

test('role overrides apply to a schema that came with the data, and --target drops the old label', () => {
  const schema = applyColumnRoles(churnSchema, { idColumns: ['age'], exclude: ['support_calls'] });
  expect(schema.columns.find((c) => c.name === 'age')?.role).toBe('id');
  expect(schema.columns.some((c) => c.name === 'support_calls')).toBe(false);
  expect(churnSchema.columns.find((c) => c.name === 'age')?.role).toBe('feature');
  const relabelled = withTarget(churnSchema, 'num_complaints', 'regression');
  expect(relabelled.columns.some((c) => c.name === 'churn')).toBe(false);
  expect(relabelled).toMatchObject({ target: 'num_complaints', task: 'regression' });
  expect(relabelled.columns.find((c) => c.name === 'num_complaints')?.role).toBe('target');
});

test('a schema file is checked when read, and the error names the file and the problem', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'schema-'));
  try {
    const path = join(dir, 'x.schema.json');
    await writeSchemaFile(path, churnSchema);
    expect(readSchemaFile(path)).toEqual(churnSchema);
    writeFileSync(path, JSON.stringify({ ...churnSchema, target: 'label' }));
    expect(() => readSchemaFile(path)).toThrow(
      `${path} is not a dataset schema: its target 'label' is not one of its columns`,
    );
    writeFileSync(path, '{"target": "y", "columns": [{"name": "y", "type": "text", "role": "target"}]}');
    expect(() => readSchemaFile(path)).toThrow(/column 'y' has type 'text' \(numeric or categorical\)/);
    writeFileSync(path, '{not json');
    expect(() => readSchemaFile(path)).toThrow(/is not a readable JSON schema file/);
    expect(schemaPathFor('/d/sales.parquet')).toBe('/d/sales.schema.json');
    expect(schemaPathFor('/d/sales.csv')).toBe('/d/sales.schema.json');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
