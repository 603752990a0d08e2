import { join } from 'node:path';
import { trainChurnArgs } from './__tests__/churnCommands';
import { useMlopsProcess } from './__tests__/cliProcess';

// Real `mlops` processes: the exit codes and lines are what a CI job acts on.
const { folders, mlops } = useMlopsProcess();
const trainChurn = (...options: string[]) => mlops(...trainChurnArgs(...options));

test('a worse model is registered but not promoted: exit 3, NOT promoted with the failed rule and both figures', async () => {
  await mlops('generate', 'churn', '--rows', '3000', '--out', 'churn.arrow');
  const v1 = await trainChurn('--model', 'logistic');
  expect(v1.code).toBe(0);
  expect(v1.stdout).toMatch(/registered churn v1 \(production\)/);
  const v2 = await trainChurn('--model', 'gradient_boosting');
  expect(v2.code).toBe(3);
  expect(v2.stdout).toMatch(
    /registered churn v2, NOT promoted:\n {2}roc_auc 0\.\d{4} >= production v1 0\.\d{4}: FAILED\n/,
  );
  expect(v2.stdout).toMatch(/ {2}trivial baseline: roc_auc 0\.5000, f1 0\.0000/);
  expect(v2.stdout).toMatch(/ {2}production v1 on the same 600 rows: roc_auc 0\.\d{4}, f1 0\.\d{4}/);
  expect(v2.stdout).toMatch(/to promote it anyway: mlops models promote churn 2 --force/);
  expect(v2.stderr).toMatch(
    /^not promoted: churn v2 registered, NOT promoted: roc_auc 0\.\d{4} >= production v1 0\.\d{4}: FAILED\n$/m,
  );
  const json = await trainChurn('--model', 'gradient_boosting', '--json');
  expect(json.code).toBe(3);
  expect(json.json).toMatchObject({ version: 3, promoted: false, refused: true, gate: { passed: false } });
  expect(json.json.gate.production).toMatchObject({ version: 1, rows: 600, sameRows: true });
  const list = await mlops('models', 'list', 'churn', '--json');
  expect(list.json.models[0].versions.map((v: { aliases: string[] }) => v.aliases)).toEqual([
    ['production'],
    [],
    [],
  ]);
});

test('a margin on production is a rule; --no-promote registers without exit 3', async () => {
  await mlops('generate', 'churn', '--rows', '2000', '--out', 'churn.arrow');
  await trainChurn();
  const same = await trainChurn('--gate', 'roc_auc >= production + 0.005');
  expect(same.code).toBe(3);
  expect(same.stdout).toMatch(/roc_auc 0\.\d{4} >= production v1 0\.\d{4}: FAILED/);
  const parked = await trainChurn('--model', 'gradient_boosting', '--no-promote');
  expect(parked.code).toBe(0);
  expect(parked.stdout).toMatch(/registered churn v3 \(not promoted: --no-promote\)/);
});

test('a gate set later applies at promote time and the refusal is in the audit log', async () => {
  await mlops('generate', 'churn', '--rows', '2000', '--out', 'churn.arrow');
  await trainChurn();
  await trainChurn('--no-promote');
  expect((await mlops('models', 'gate', 'churn', 'f1 >= 0.9')).code).toBe(0);
  const refused = await mlops('models', 'promote', 'churn', '2');
  expect(refused.code).toBe(3);
  expect(refused.stderr).toMatch(/ {2}f1 0\.\d{4} >= 0\.9000: FAILED\n/);
  expect(refused.stderr).toMatch(
    /not promoted: version 2 of 'churn' does not pass its gate: f1 0\.\d{4} >= 0\.9000: FAILED/,
  );
  const audit = await mlops('models', 'audit', 'churn', '--json');
  expect(audit.json.entries.map((e: { action: string }) => e.action)).toEqual([
    'promote',
    'set-gate',
    'promote-refused',
  ]);
  expect(audit.json.entries[2].gate.rules[0]).toMatchObject({ metric: 'f1', threshold: 0.9, passed: false });
  const forced = await mlops('models', 'promote', 'churn', '2', '--force', '--json');
  expect(forced.code).toBe(0);
  expect(forced.json).toMatchObject({ from: 1, to: 2, forced: true, gate: { passed: false } });
});

test('tune --name goes through the same gate: a tuned model worse than production is not promoted', async () => {
  await mlops('generate', 'churn', '--rows', '2000', '--out', 'churn.arrow');
  await trainChurn('--model', 'logistic');
  const tuned = await mlops(
    'tune',
    '--data',
    'churn.arrow',
    '--model',
    'decision_tree',
    '--trials',
    '3',
    '--name',
    'churn',
    '--json',
  );
  expect(tuned.code).toBe(3);
  expect(tuned.json).toMatchObject({ name: 'churn', version: 2, promoted: false, refused: true });
  expect(tuned.stderr).toMatch(
    /not promoted: churn v2 registered, NOT promoted: roc_auc .* >= production v1/,
  );
});

test('quickstart reuses production only when the model document is identical', async () => {
  const first = await mlops('quickstart', '--json');
  expect(first.json).toMatchObject({ version: 1, reused: false });
  const second = await mlops('quickstart', '--json');
  expect(second.json).toMatchObject({ version: 1, reused: true });
  // Same data, kind and seed but other params in production: not the quickstart's model.
  const data = join(folders.home, 'datasets', 'churn.prepared.arrow');
  await mlops('train', '--data', data, '--name', 'churn', '--param', 'C=0.01', '--no-promote');
  await mlops('models', 'promote', 'churn', '2', '--force');
  const third = await mlops('quickstart', '--json');
  expect(third.code).toBe(0);
  expect(third.json).toMatchObject({ version: 3, reused: false });
});

test('a pipeline stage whose new model is worse registers it, keeps production, and the run exits 3', async () => {
  const pipeline = (model: string) => `stages:
  make:
    cmd: mlops generate housing --rows 3000 --seed 3 --out housing.arrow
    outs: [housing.arrow, housing.schema.json]
  train_housing:
    cmd: mlops train --data housing.arrow --model \${model} --name housing --report train.json
    deps: [housing.arrow]
    params: { model: ${model} }
    outs: [train.json]
  evaluate_housing:
    cmd: mlops evaluate --name housing --version-from train.json --data housing.arrow --report evaluate.json
    deps: [train.json]
    outs: [evaluate.json]
`;
  const { writeFileSync, readFileSync } = await import('node:fs');
  writeFileSync(join(folders.work, 'pipeline.yaml'), pipeline('gradient_boosting'));
  const first = await mlops('pipeline', 'run', '--json');
  expect(first.code).toBe(0);
  writeFileSync(join(folders.work, 'pipeline.yaml'), pipeline('linear'));
  const second = await mlops('pipeline', 'run', '--json');
  expect(second.code).toBe(3);
  expect(second.json.stages.map((s: { stage: string; status: string }) => `${s.stage}:${s.status}`)).toEqual([
    'make:skipped',
    'train_housing:not-promoted',
    'evaluate_housing:ran',
  ]);
  // evaluate checked the version the stage registered (v2), not production (still v1)
  expect(JSON.parse(readFileSync(join(folders.work, 'evaluate.json'), 'utf8'))).toMatchObject({ version: 2 });
  const shown = await mlops('models', 'show', 'housing', '--json');
  expect(shown.json.version).toBe(1);
});

test('names and arguments are checked before any work: a bad --name or --metric trains nothing', async () => {
  await mlops('generate', 'churn', '--rows', '500', '--out', 'churn.arrow');
  const metric = await mlops('tune', '--data', 'churn.arrow', '--metric', 'r2', '--trials', '2');
  expect(metric.code).toBe(2);
  expect(metric.stderr).toMatch(/--metric 'r2' is not measured for binary models: choose from accuracy, /);
  const runs = await mlops('runs', 'list', '--json');
  expect(runs.json.runs).toEqual([]);
});

test('a --name that is not a model name is refused before any training, empty included', async () => {
  await mlops('generate', 'churn', '--rows', '300', '--out', 'churn.arrow');
  for (const name of ['../../etc', '']) {
    const refused = await mlops('train', '--data', 'churn.arrow', '--name', name);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^error: model name '.*' is not allowed/m);
  }
  expect((await mlops('runs', 'list', '--json')).json.runs).toEqual([]);
  const audit = await mlops('models', 'audit', 'nosuchmodel');
  expect(audit.code).toBe(1);
  expect(audit.stderr).toMatch(/no model named 'nosuchmodel'/);
  const traversal = await mlops('models', 'promote', '../../../x', '1');
  expect(traversal.code).toBe(2);
});
