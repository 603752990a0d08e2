import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateFraud, generateHousing, writeArrowFile } from '@mlops/features';
import { useMlopsProcess } from './__tests__/cliProcess';
import { type ComparisonRow, comparisonHtml } from './compare/renderComparison';

const { folders, mlops } = useMlopsProcess();

/** `mlops compare --data <data> --models <models> …options`: several model kinds trained on one file. */
const compareModels = (data: string, models: string, ...options: string[]) =>
  mlops('compare', '--data', data, '--models', models, ...options);

test('compare on your own data: rare positives get PR-AUC and F1 beside ROC-AUC, the best model is marked', async () => {
  await writeArrowFile(join(folders.work, 'fraud.arrow'), generateFraud(6_000, 3));
  const result = await compareModels(
    'fraud.arrow',
    'logistic,gradient_boosting',
    '--target',
    'is_fraud',
    '--out',
    'cmp',
    '--json',
  );
  expect(result.code).toBe(0);
  expect(result.json.rows.map((r: { dataset: string; model: string }) => `${r.dataset}/${r.model}`)).toEqual([
    'fraud.arrow/logistic',
    'fraud.arrow/gradient_boosting',
  ]);
  for (const row of result.json.rows)
    expect(Object.keys(row.metrics)).toEqual(['roc_auc', 'pr_auc', 'f1', 'accuracy']);
  expect(result.json.rows.filter((r: { best: boolean }) => r.best)).toHaveLength(1);
  expect(result.json.best).toHaveLength(1);
  const markdown = readFileSync(join(folders.work, 'cmp', 'comparison.md'), 'utf8');
  expect(markdown).toMatch(/\| \*\*(logistic|gradient_boosting)\*\* ★ \|/);
  expect(markdown).toMatch(/\| trivial baseline \| 0\.5000 \|/);
});

test('a model that does not apply to the task is an error, not an empty table', async () => {
  await writeArrowFile(join(folders.work, 'housing.arrow'), generateHousing(500, 1));
  const result = await compareModels('housing.arrow', 'logistic', '--target', 'median_house_value');
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(
    /error: model 'logistic' does not apply to regression data \(housing\.arrow\): for regression choose from linear, /,
  );
});

test('compare --registered scores every version on the same labelled rows', async () => {
  await mlops('generate', 'churn', '--rows', '2000', '--out', 'train.arrow');
  await mlops('generate', 'churn', '--rows', '800', '--seed', '5', '--out', 'fresh.arrow');
  await mlops('train', '--data', 'train.arrow', '--name', 'churn');
  await mlops('train', '--data', 'train.arrow', '--name', 'churn', '--model', 'decision_tree');
  const result = await mlops(
    'compare',
    '--registered',
    'churn',
    '--data',
    'fresh.arrow',
    '--out',
    'cmp',
    '--json',
  );
  expect(result.code).toBe(0);
  expect(result.json.rows.map((r: { model: string }) => r.model)).toEqual([
    'churn v1 [production] (logistic)',
    'churn v2 (decision_tree)',
  ]);
  expect(result.json.rows.every((r: { testRows: number }) => r.testRows === 800)).toBe(true);
});

test('bars start at zero on a fixed scale, and a negative R² hangs below the zero line', () => {
  const row = (model: string, r2: number): ComparisonRow => ({
    dataset: 'housing',
    task: 'regression',
    model,
    metric: 'r2',
    value: r2,
    baseline: 0,
    metrics: { r2, rmse: 1, mae: 1 },
    baselineMetrics: { r2: 0, rmse: 1.2, mae: 1 },
    best: false,
    fitSeconds: 0.1,
    trainRows: 100,
    testRows: 25,
    split: 'random 80/20 split',
    runId: 'r',
  });
  const html = comparisonHtml([row('tiny', 0.012), row('bad', -0.5)], 'now');
  const r2Chart = html.slice(html.indexOf('aria-label="r2"'), html.indexOf('aria-label="rmse"'));
  const bars = [...r2Chart.matchAll(/<rect x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="([\d.]+)"/g)].map(
    (m) => [Number(m[1]), Number(m[2])],
  );
  // the zero line is drawn when the scale goes below zero
  const zero = Number(
    /<line x1="\d+" x2="\d+" y1="([\d.]+)" y2="[\d.]+" stroke="#6b7280"\/>/.exec(r2Chart)![1],
  );
  const [tiny, bad] = bars;
  expect(tiny[0] + tiny[1]).toBeCloseTo(zero, 0); // starts at zero, upwards
  expect(tiny[1]).toBeLessThan(3); // 0.012 of a 1.5-high scale is a sliver, not a full bar
  expect(bad[0]).toBeCloseTo(zero, 0); // hangs from zero, downwards
  expect(bad[1]).toBeGreaterThan(40);
  expect(r2Chart).toMatch(/stroke-dasharray="4 3"><title>trivial baseline: 0<\/title>/);
});

test('compare --name registers the best model through the same gate', async () => {
  await mlops('generate', 'churn', '--rows', '2000', '--out', 'churn.arrow');
  const first = await compareModels('churn.arrow', 'logistic,decision_tree', '--name', 'churn', '--json');
  expect(first.code).toBe(0);
  expect(first.json.registered).toMatchObject({
    name: 'churn',
    version: 1,
    model: 'logistic',
    promoted: true,
  });
  const worse = await compareModels('churn.arrow', 'decision_tree', '--name', 'churn', '--json');
  expect(worse.code).toBe(3);
  expect(worse.json.registered).toMatchObject({
    version: 2,
    model: 'decision_tree',
    promoted: false,
    refused: true,
  });
});
