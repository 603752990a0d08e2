import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { trainChurnArgs } from './__tests__/churnCommands';
import { useMlopsCli } from './__tests__/mlopsCli';

const { folders, mlops } = useMlopsCli();
const trainChurn = (...options: string[]) => mlops(...trainChurnArgs(...options));

test('generate writes the same bytes for the same seed, relative to the caller’s folder', async () => {
  const a = await mlops('generate', 'churn', '--rows', '500', '--seed', '3', '--out', 'a.arrow', '--json');
  const b = await mlops('generate', 'churn', '--rows', '500', '--seed', '3', '--out', 'b.arrow', '--json');
  expect(a.code).toBe(0);
  expect(a.json).toMatchObject({ dataset: 'churn', rows: 500, seed: 3, path: join(folders.work, 'a.arrow') });
  expect(readFileSync(join(folders.work, 'a.arrow')).equals(readFileSync(b.json.path))).toBe(true);
  expect(existsSync(join(folders.work, 'a.schema.json'))).toBe(true);
});

test('generate names the datasets there are when given an unknown one', async () => {
  const result = await mlops('generate', 'weather');
  expect(result.code).toBe(2); // a bad argument: usage error
  expect(result.stderr).toMatch(/^error: unknown dataset 'weather': choose one of .*churn.*\n$/);
});

test('prepare passes clean data, and rejects a bad CSV without writing the processed file', async () => {
  await mlops('generate', 'churn', '--rows', '300', '--out', 'churn.arrow');
  const ok = await mlops('prepare', '--data', 'churn.arrow', '--json');
  expect(ok.code).toBe(0);
  expect(ok.json).toMatchObject({
    passed: true,
    rows: 300,
    path: join(folders.work, 'churn.prepared.arrow'),
  });
  expect(existsSync(ok.json.profile_path)).toBe(true);

  const rows = ['x,label', ...Array.from({ length: 40 }, (_, i) => `${i % 3 === 0 ? '' : i},${i % 2}`)];
  writeFileSync(join(folders.work, 'bad.csv'), rows.join('\n'));
  const bad = await mlops('prepare', '--data', 'bad.csv', '--target', 'label', '--json');
  expect(bad.code).toBe(1);
  expect(bad.stderr).toMatch(/bad\.csv failed the quality gate: column 'x' has 35\.0 % missing values/);
  expect(bad.json.passed).toBe(false);
  expect(existsSync(join(folders.work, 'bad.prepared.arrow'))).toBe(false);
  expect(bad.json.report_path).toBe(join(folders.work, 'bad.prepared.quality.json'));
  expect(existsSync(bad.json.report_path)).toBe(true);
});

test('train --name registers version 1 and promotes it when it passes its gate', async () => {
  await mlops('generate', 'churn', '--rows', '2000', '--out', 'churn.arrow');
  const result = await trainChurn('--model', 'logistic', '--json');
  expect(result.code).toBe(0);
  expect(result.json).toMatchObject({
    name: 'churn',
    version: 1,
    promoted: true,
    model: 'logistic',
    task: 'binary',
  });
  expect(result.json.metrics.roc_auc).toBeGreaterThan(0.75);
  expect(result.json.baseline_metrics.roc_auc).toBe(0.5);
  expect(result.json.gate.passed).toBe(true);

  const strict = await trainChurn('--gate', 'f1 >= 0.99', '--json');
  expect(strict.json).toMatchObject({ version: 2, promoted: false });
  const list = await mlops('models', 'list', '--json');
  expect(list.json.models[0].versions.map((v: { aliases: string[] }) => v.aliases)).toEqual([
    ['production'],
    [],
  ]);
});

test('promote refuses a version that fails the gate as it stands unless forced, and rollback goes back', async () => {
  await mlops('generate', 'churn', '--rows', '1000', '--out', 'churn.arrow');
  await trainChurn();
  const strict = await trainChurn('--gate', 'f1 >= 0.99');
  expect(strict.code).toBe(3);
  await mlops('models', 'gate', 'churn', 'f1 >= 0.99');
  const refused = await mlops('models', 'promote', 'churn', '2');
  expect(refused.code).toBe(3);
  expect(refused.stderr).toMatch(
    /not promoted: version 2 of 'churn' does not pass its gate: f1 0\.\d{4} >= 0\.9900: FAILED: .*pass --force/,
  );
  const forced = await mlops('models', 'promote', 'churn', '2', '--force', '--json');
  expect(forced.json).toMatchObject({ action: 'promote', from: 1, to: 2, forced: true });
  const back = await mlops('models', 'rollback', 'churn', '--json');
  expect(back.json).toMatchObject({ action: 'rollback', from: 2, to: 1 });
});

test('a gate that does not parse fails and registers nothing', async () => {
  await mlops('generate', 'churn', '--rows', '300', '--out', 'churn.arrow');
  const result = await trainChurn('--gate', 'f1 ~ 0.5');
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/gate rule 'f1 ~ 0.5' does not parse/);
  expect((await mlops('models', 'list', '--json')).json).toEqual({ models: [] });
});

test('quickstart registers churn once and reuses it when nothing changed', async () => {
  const first = await mlops('quickstart', '--json');
  expect(first.code).toBe(0);
  expect(first.json).toMatchObject({ name: 'churn', version: 1, reused: false });
  expect(first.json.example).toHaveProperty('contract');
  expect(first.json.example).not.toHaveProperty('churn');
  expect(first.json.example.customer_id).toBe('C0000001'); // the entity key, which the API accepts
  const second = await mlops('quickstart', '--json');
  expect(second.json).toMatchObject({ version: 1, reused: true });
});

test('the built CLI prints one JSON object on the last line of stdout and exits non-zero on errors', async () => {
  const main = resolve(__dirname, '../dist/main.js');
  const run = promisify(execFile);
  const env = { ...process.env, MLOPS_HOME: folders.home, INIT_CWD: folders.work };
  const ok = await run(process.execPath, [main, 'generate', 'churn', '--rows', '100', '--json'], { env });
  expect(JSON.parse(ok.stdout.trim().split('\n').at(-1)!)).toMatchObject({ rows: 100 });
  await expect(run(process.execPath, [main, 'models', 'show', 'ghost'], { env })).rejects.toMatchObject({
    code: 1,
    stderr: "error: no model named 'ghost' in the registry (models: none)\n",
  });
});

test('every train is a run; runs list filters and sorts, show and compare read them', async () => {
  await mlops('generate', 'churn', '--rows', '1500', '--out', 'churn.arrow');
  const a = await mlops('train', '--data', 'churn.arrow', '--param', 'C=1', '--json');
  const b = await mlops('train', '--data', 'churn.arrow', '--param', 'C=0.001', '--json');
  expect(a.json.run_id).not.toBe(b.json.run_id);
  const list = await mlops('runs', 'list', '--filter', 'params.C < 0.5', '--json');
  expect(list.json.runs.map((r: { id: string }) => r.id)).toEqual([b.json.run_id]);
  const sorted = await mlops('runs', 'list', '--sort', 'metrics.roc_auc desc', '--json');
  const aucs = sorted.json.runs.map((r: { metrics: { roc_auc: number } }) => r.metrics.roc_auc);
  expect(aucs).toEqual([...aucs].sort((x: number, y: number) => y - x));
  const shown = await mlops('runs', 'show', a.json.run_id, '--json');
  expect(shown.json).toMatchObject({
    kind: 'train',
    status: 'finished',
    params: { model: 'logistic', C: 1 },
    artifacts: ['model.json'],
  });
  const compared = await mlops('runs', 'compare', a.json.run_id, b.json.run_id);
  expect(compared.stdout).toMatch(/\* params\.C\s+1\s+0\.0010/);
  const bad = await mlops('runs', 'list', '--filter', 'auc > 1');
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(/run filter 'auc > 1' does not parse/);
});

test('evaluate scores a registered version on labelled data and records the run', async () => {
  await mlops('generate', 'churn', '--rows', '2000', '--out', 'train.arrow');
  await mlops('generate', 'churn', '--rows', '1000', '--seed', '9', '--out', 'fresh.arrow');
  await mlops('train', '--data', 'train.arrow', '--name', 'churn');
  const result = await mlops('evaluate', '--name', 'churn', '--data', 'fresh.arrow', '--json');
  expect(result.code).toBe(0);
  expect(result.json).toMatchObject({ name: 'churn', version: 1, rows: 1000 });
  expect(result.json.metrics.roc_auc).toBeGreaterThan(0.75);
  expect(Math.abs(result.json.metrics.roc_auc - result.json.registered_metrics.roc_auc)).toBeLessThan(0.08);
  const missing = await mlops('evaluate', '--name', 'churn', '--version', '4', '--data', 'fresh.arrow');
  expect(missing.stderr).toBe("error: model 'churn' has no version 4 (versions: 1)\n");
});

test('a stored gate applies to the next training; archive and rollback --to are audited', async () => {
  await mlops('generate', 'churn', '--rows', '1000', '--out', 'churn.arrow');
  await trainChurn();
  expect((await mlops('models', 'gate', 'churn', 'roc_auc >= 0.999', '--json')).json.gate).toBe(
    'roc_auc >= 0.999',
  );
  const v2 = await trainChurn('--json');
  expect(v2.json).toMatchObject({ version: 2, promoted: false });
  expect(v2.json.gate.checks[0]).toMatch(/roc_auc .* >= 0\.9990: FAILED/);
  await mlops('models', 'promote', 'churn', '2', '--force');
  await trainChurn();
  expect((await mlops('models', 'rollback', 'churn', '--to', '1', '--json')).json).toMatchObject({
    from: 2,
    to: 1,
  });
  expect((await mlops('models', 'archive', 'churn', '3', '--json')).code).toBe(0);
  const refused = await mlops('models', 'promote', 'churn', '3', '--force');
  expect(refused.stderr).toMatch(/version 3 of 'churn' is archived/);
  const audit = await mlops('models', 'audit', 'churn', '--json');
  expect(audit.json.entries.map((e: { action: string }) => e.action)).toEqual([
    'promote',
    'set-gate',
    'promote',
    'rollback',
    'archive',
  ]);
});

test('the repository pipeline runs end to end, then skips every stage on a second run', async () => {
  const pipeline = readFileSync(resolve(__dirname, '../../../pipeline.yaml'), 'utf8');
  writeFileSync(join(folders.work, 'pipeline.yaml'), pipeline);
  const first = await mlops('pipeline', 'run', '--json');
  expect(first.code).toBe(0);
  expect(first.json.stages.map((s: { status: string }) => s.status)).toEqual(Array(6).fill('ran'));
  expect(JSON.parse(readFileSync(join(folders.work, 'data/churn.evaluate.json'), 'utf8'))).toMatchObject({
    name: 'churn',
    version: 1,
  });
  const second = await mlops('pipeline', 'run', '--json');
  expect(second.json.stages.map((s: { status: string }) => s.status)).toEqual(Array(6).fill('skipped'));
  const status = await mlops('pipeline', 'status', '--json');
  expect(status.json.stages.every((s: { up_to_date: boolean }) => s.up_to_date)).toBe(true);
  const dag = await mlops('pipeline', 'dag', '--mermaid');
  expect(dag.stdout).toMatch(/prepare_churn --> train_churn/);
}, 180_000);

test('prepare-daily turns generated sales lines into a daily revenue table that trains', async () => {
  await mlops('generate', 'sales', '--rows', '20000', '--out', 'sales.arrow');
  const daily = await mlops('prepare-daily', '--data', 'sales.arrow', '--json');
  expect(daily.code).toBe(0);
  expect(daily.json.days).toBeGreaterThan(30);
  const trained = await mlops('train', '--data', daily.json.path, '--model', 'linear', '--json');
  expect(trained.code).toBe(0);
  expect(trained.json.task).toBe('regression');
  expect(trained.json.metrics.r2).toBeGreaterThan(trained.json.baseline_metrics.r2);
});

test('tune searches with TPE, records every trial as a child run, prunes boosting rounds and registers the best', async () => {
  await mlops('generate', 'churn', '--rows', '3000', '--out', 'churn.arrow');
  const result = await mlops(
    'tune',
    '--data',
    'churn.arrow',
    '--model',
    'gradient_boosting',
    '--trials',
    '14',
    '--name',
    'churn',
    '--json',
  );
  expect(result.code).toBe(0);
  expect(result.json).toMatchObject({
    model: 'gradient_boosting',
    metric: 'roc_auc',
    trials: 14,
    name: 'churn',
    version: 1,
  });
  expect(result.json.tuned_test).toBeGreaterThan(0.75);
  expect(Object.keys(result.json.best_params)).toEqual(
    expect.arrayContaining(['learning_rate', 'max_leaf_nodes', 'min_samples_leaf', 'l2_regularization']),
  );
  const trials = await mlops(
    'runs',
    'list',
    '--filter',
    `parentId = ${result.json.run_id}`,
    '--limit',
    '100',
    '--json',
  );
  const kinds = trials.json.runs.map((r: { kind: string; status: string }) => `${r.kind}:${r.status}`);
  expect(kinds.filter((k: string) => k.startsWith('trial')).length).toBe(14);
  expect(kinds).toContain('train:finished'); // the registered best model
  expect(result.json.pruned).toBe(kinds.filter((k: string) => k === 'trial:pruned').length);
});

test('tune refuses a model without a search space and a space that is not JSON', async () => {
  await mlops('generate', 'churn', '--rows', '300', '--out', 'churn.arrow');
  const bad = await mlops('tune', '--data', 'churn.arrow', '--model', 'logistic', '--space', '{C:');
  expect(bad.code).toBe(1);
  expect(bad.stderr).toMatch(/--space is not JSON/);
});

test('compare trains each model on each dataset and writes JSON, Markdown and an HTML page', async () => {
  const result = await mlops(
    'compare',
    '--datasets',
    'churn,housing',
    '--models',
    'linear_or_logistic,gradient_boosting',
    '--rows',
    '1500',
    '--out',
    'cmp',
    '--json',
  );
  expect(result.code).toBe(0);
  expect(result.json.rows.map((r: { dataset: string; model: string }) => `${r.dataset}/${r.model}`)).toEqual([
    'churn/logistic',
    'churn/gradient_boosting',
    'housing/linear',
    'housing/gradient_boosting',
  ]);
  for (const row of result.json.rows) expect(row.value).toBeGreaterThan(row.baseline);
  const markdown = readFileSync(join(folders.work, 'cmp', 'comparison.md'), 'utf8');
  expect(markdown).toMatch(/### housing \(regression, 300 test rows, random 80\/20 split\)/);
  expect(markdown).toMatch(/\| model \| r2 \| rmse \| mae \| fit s \| train rows \|/);
  expect(markdown).toMatch(/\| model \| roc_auc \| pr_auc \| f1 \| accuracy \| fit s \| train rows \|/);
  expect(result.json.rows.filter((r: { best: boolean }) => r.best)).toHaveLength(2);
  const html = readFileSync(join(folders.work, 'cmp', 'comparison.html'), 'utf8');
  // per dataset: one chart per metric (4 binary, 3 regression) and one of fit times
  expect(html.match(/<svg/g)).toHaveLength(5 + 4);
  // no script and nothing fetched (the SVG namespace is a name, not a request)
  expect(html).not.toMatch(/<script|(?:src|href)="https?:/);
  const bad = await mlops('compare', '--models', 'svm');
  expect(bad.stderr).toMatch(/unknown model 'svm'/);
});
