import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDataset } from '@mlops/features';
import { useMlopsProcess } from './__tests__/cliProcess';

const { folders, mlops } = useMlopsProcess();

/** `mlops prepare --data <file> --target label …options`: the CSVs this file writes have a `label` column. */
const prepareLabelled = (file: string, ...options: string[]) =>
  mlops('prepare', '--data', file, '--target', 'label', ...options);

test('generate writes CSV for .csv and Parquet for .parquet; prepare and train read them', async () => {
  const csv = await mlops('generate', 'churn', '--rows', '400', '--out', 'churn.csv');
  expect(csv.code).toBe(0);
  expect(readFileSync(join(folders.work, 'churn.csv'), 'utf8').split('\n')[0]).toBe(
    'customer_id,tenure_months,monthly_charges,num_complaints,usage_hours,support_calls,age,contract,payment_method,internet_service,churn',
  );
  const prepared = await mlops('prepare', '--data', 'churn.csv', '--json');
  expect(prepared.code).toBe(0);
  expect(prepared.json).toMatchObject({
    passed: true,
    rows: 400,
    schema_path: join(folders.work, 'churn.prepared.schema.json'),
  });

  expect((await mlops('generate', 'churn', '--rows', '400', '--out', 'churn.parquet')).code).toBe(0);
  expect(readFileSync(join(folders.work, 'churn.parquet')).subarray(0, 4).toString()).toBe('PAR1');
  const fromParquet = await mlops(
    'prepare',
    '--data',
    'churn.parquet',
    '--out',
    'features_daily.parquet',
    '--json',
  );
  expect(fromParquet.code).toBe(0);
  expect(readDataset(join(folders.work, 'features_daily.parquet')).numRows).toBe(400);
  const trained = await mlops('train', '--data', 'features_daily.parquet', '--json');
  expect(trained.code).toBe(0);
  const wrong = await mlops('generate', 'churn', '--out', 'churn.xlsx');
  expect(wrong.code).toBe(1);
  expect(wrong.stderr).toMatch(/churn\.xlsx/);
});

test('NA, N/A, null, NULL, NaN, ? and empty cells are missing values; --na-values changes the list', async () => {
  const lines = ['tenure,plan,spend,label'];
  const tokens = ['NA', 'N/A', 'null', 'NULL', 'NaN', '?', ''];
  for (let i = 0; i < 300; i += 1)
    lines.push(
      `${i % 7 === 0 ? tokens[(i / 7) % tokens.length] : (i % 50) + 1},${i % 3 ? 'basic' : 'pro'},${(i * 7.3).toFixed(1)},${i % 2}`,
    );
  writeFileSync(join(folders.work, 'na.csv'), `${lines.join('\n')}\n`);
  const result = await prepareLabelled('na.csv', '--max-missing', '0.2', '--json');
  expect(result.code).toBe(0);
  expect(result.json.columns[0]).toMatchObject({ name: 'tenure', type: 'numeric', role: 'feature' });
  expect(result.json.report.imputed.tenure).toBe(43);

  const dashes = lines.map((line, i) => (i > 0 && i % 20 === 1 ? line.replace(/^[^,]*/, '-') : line));
  writeFileSync(join(folders.work, 'dash.csv'), `${dashes.join('\n')}\n`);
  const refused = await prepareLabelled('dash.csv', '--max-missing', '0.3', '--json');
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(/column 'tenure' is numeric but 15 of its cells are not numbers \('-'\)/);
  const allowed = await prepareLabelled(
    'dash.csv',
    '--max-missing',
    '0.3',
    '--na-values',
    'NA,N/A,null,NULL,NaN,?,-',
    '--json',
  );
  expect(allowed.code).toBe(0);
});

test('invalid UTF-8 names the line and the fix; --encoding latin1 reads it', async () => {
  const text = Buffer.concat([
    Buffer.from('city,visits,label\n'),
    ...Array.from({ length: 60 }, (_, i) => Buffer.from(`${i % 2 ? 'paris' : 'lyon'},${i},${i % 2}\n`)),
    Buffer.from('caf'),
    Buffer.from([0xe9]),
    Buffer.from(',3,1\n'),
  ]);
  writeFileSync(join(folders.work, 'latin.csv'), text);
  const refused = await prepareLabelled('latin.csv');
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(/latin\.csv:62: .*invalid UTF-8/);
  const read = await prepareLabelled('latin.csv', '--encoding', 'latin1', '--json');
  expect(read.code).toBe(0);
  expect(readDataset(read.json.path).column('city')).toMatchObject({
    dictionary: expect.arrayContaining(['café']),
  });
});

test("train reuses prepare's profile of the very same bytes instead of profiling again", async () => {
  await mlops('generate', 'churn', '--rows', '600', '--out', 'churn.arrow');
  const prepared = await mlops('prepare', '--data', 'churn.arrow', '--json');
  const sidecar = JSON.parse(readFileSync(prepared.json.profile_path, 'utf8'));
  expect(sidecar.source.sha256).toMatch(/^[0-9a-f]{64}$/);
  // Mark the sidecar so the test can see it was read, not recomputed (same bytes, same hash).
  sidecar.columns.age.mean = 12345;
  writeFileSync(prepared.json.profile_path, JSON.stringify(sidecar));
  await mlops('train', '--data', prepared.json.path, '--name', 'churn');
  const version = join(folders.home, 'registry', 'models', 'churn', 'versions', '1', 'profile.json');
  expect(JSON.parse(readFileSync(version, 'utf8')).columns.age.mean).toBe(12345);
  // Other bytes under the same name: the stale sidecar is not their baseline.
  await mlops('generate', 'churn', '--rows', '600', '--seed', '9', '--out', 'churn.prepared.arrow');
  await mlops('train', '--data', prepared.json.path, '--name', 'churn', '--no-promote');
  const v2 = version.replace('/1/', '/2/');
  expect(JSON.parse(readFileSync(v2, 'utf8')).columns.age.mean).not.toBe(12345);
});
