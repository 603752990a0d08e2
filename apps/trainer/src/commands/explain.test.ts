import { join } from 'node:path';
import { readDataset } from '@mlops/features';
import { GradientBoosting, LogisticRegression, ModelPipeline } from '@mlops/models';
import { openRegistry } from '@mlops/registry';
import { useMlopsCli } from '../__tests__/mlopsCli';

const { folders, mlops } = useMlopsCli();

/** The registered version's raw outputs per row, summed from its own weights or trees (not the explainer). */
async function rawOutputs(name: string, file: string): Promise<{ raw: Float64Array; outputs: number }> {
  const registry = openRegistry(folders.home);
  const version = await registry.resolve(name, { alias: 'production' });
  const pipeline = ModelPipeline.fromJSON(await registry.readModelDocument(name, version));
  const table = readDataset(join(folders.work, file));
  const { values, rows, width } = pipeline.preprocessor.transform(table);
  const model = pipeline.estimator;
  const raw = new Float64Array(rows * model.outputs);
  if (model instanceof LogisticRegression) {
    for (let row = 0; row < rows; row += 1) {
      raw[row] = model.intercept;
      for (let j = 0; j < width; j += 1) raw[row] += model.weights[j] * values[row * width + j];
    }
  } else if (model instanceof GradientBoosting) {
    for (let i = 0; i < raw.length; i += 1) raw[i] = model.baseline[i % model.outputs];
    model.trees.forEach((tree, t) => {
      tree.addTo(values, rows, width, raw, model.outputs, t % model.outputs);
    });
  } else throw new Error(`no raw output for ${model.kind} in this test`);
  return { raw, outputs: model.outputs };
}

const features = [
  'tenure_months',
  'monthly_charges',
  'num_complaints',
  'usage_hours',
  'support_calls',
  'age',
  'contract',
  'payment_method',
  'internet_service',
];

test('explain writes each row’s contributions per field with its id, and prints the global importance', async () => {
  await mlops('generate', 'churn', '--rows', '1500', '--out', 'train.arrow');
  await mlops('generate', 'churn', '--rows', '60', '--seed', '9', '--out', 'rows.csv');
  expect((await mlops('train', '--data', 'train.arrow', '--name', 'churn')).code).toBe(0);
  const run = await mlops('explain', '--name', 'churn', '--data', 'rows.csv', '--out', 'why.csv', '--json');
  expect(run.code).toBe(0);
  expect(run.json).toMatchObject({ name: 'churn', version: 1, rows: 60, output: 'log_odds' });
  const importance = run.json.importance as Array<{ field: string; mean_abs_contribution: number }>;
  expect(importance.map((item) => item.field).sort()).toEqual([...features].sort());
  for (let i = 1; i < importance.length; i += 1)
    expect(importance[i - 1].mean_abs_contribution).toBeGreaterThanOrEqual(
      importance[i].mean_abs_contribution,
    );

  const written = readDataset(join(folders.work, 'why.csv'));
  expect(written.columnNames).toEqual(['customer_id', 'row', 'output', 'expected_value', ...features]);
  expect(written.numRows).toBe(60);
  const input = readDataset(join(folders.work, 'rows.csv'));
  expect(written.row(7).customer_id).toBe(input.row(7).customer_id);
  const { raw } = await rawOutputs('churn', 'rows.csv');
  for (let row = 0; row < 60; row += 1) {
    const line = written.row(row);
    expect(line.output).toBe('log_odds');
    const sum = features.reduce((s, f) => s + (line[f] as number), line.expected_value as number);
    expect(Math.abs(sum - raw[row])).toBeLessThan(1e-9);
  }
  // The human form: the sorted importance table, most important field first.
  const human = await mlops('explain', '--name', 'churn', '--data', 'rows.csv');
  expect(human.code).toBe(0);
  expect(human.stdout).toMatch(/global importance \(mean \|contribution\|\):\n {2}\S+/);
  expect(human.stdout.split('\n')[2].trim().split(/\s+/)[0]).toBe(importance[0].field);
  expect(human.stdout).toContain(join(folders.work, 'rows.explanations.csv'));
});

test('a multiclass model writes one line per row and class', async () => {
  await mlops('generate', 'churn', '--rows', '1200', '--out', 'train.arrow');
  await mlops('generate', 'churn', '--rows', '20', '--seed', '4', '--out', 'rows.csv');
  const trained = await mlops(
    'train',
    '--data',
    'train.arrow',
    '--target',
    'contract',
    '--task',
    'multiclass',
    '--model',
    'gradient_boosting',
    '--param',
    'max_iter=10',
    '--name',
    'contract',
    '--json',
  );
  expect(trained.code).toBe(0);
  const run = await mlops(
    'explain',
    '--name',
    'contract',
    '--data',
    'rows.csv',
    '--out',
    'why.csv',
    '--json',
  );
  expect(run.code).toBe(0);
  const classes = run.json.classes as string[];
  expect(classes).toHaveLength(3);
  const written = readDataset(join(folders.work, 'why.csv'));
  expect(written.numRows).toBe(60);
  expect(written.columnNames.slice(0, 5)).toEqual([
    'customer_id',
    'row',
    'class',
    'output',
    'expected_value',
  ]);
  expect(written.columnNames).not.toContain('contract');
  const fields = written.columnNames.slice(5);
  const { raw } = await rawOutputs('contract', 'rows.csv');
  for (let line = 0; line < 60; line += 1) {
    const values = written.row(line);
    expect(values.row).toBe(Math.floor(line / 3));
    expect(values.class).toBe(String(classes[line % 3]));
    const sum = fields.reduce((s, f) => s + (values[f] as number), values.expected_value as number);
    expect(Math.abs(sum - raw[line])).toBeLessThan(1e-9);
  }
});

test('bad input is one line on stderr and a non-zero exit', async () => {
  await mlops('generate', 'churn', '--rows', '800', '--out', 'train.arrow');
  await mlops('train', '--data', 'train.arrow', '--name', 'churn');
  await mlops('generate', 'housing', '--rows', '10', '--out', 'housing.csv');
  const wrongFile = await mlops('explain', '--name', 'churn', '--data', 'housing.csv');
  expect(wrongFile.code).toBe(1);
  expect(wrongFile.stderr).toMatch(
    new RegExp(
      `^error: ${join(folders.work, 'housing.csv')} has no columns 'tenure_months', .*: churn v1 needs tenure_months, .*\\n$`,
    ),
  );
  const unknown = await mlops('explain', '--name', 'fraud', '--data', 'housing.csv');
  expect(unknown.code).not.toBe(0);
  expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
  const noData = await mlops('explain', '--name', 'churn');
  expect(noData.code).toBe(2);
  expect(noData.stderr).toMatch(/--data <file>/);
});
