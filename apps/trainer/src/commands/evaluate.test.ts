import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useMlopsCli } from '../__tests__/mlopsCli';

const { folders, mlops } = useMlopsCli();

test('evaluate --version-from checks the version a train report names, not the production alias', async () => {
  await mlops('generate', 'churn', '--rows', '1500', '--out', 'train.arrow');
  await mlops('generate', 'churn', '--rows', '500', '--seed', '9', '--out', 'fresh.arrow');
  await mlops('train', '--data', 'train.arrow', '--name', 'churn');
  // v2 registered but not promoted, as when its gate refuses it: production stays v1.
  await mlops('train', '--data', 'train.arrow', '--name', 'churn', '--no-promote', '--report', 'v2.json');
  const result = await mlops(
    'evaluate',
    '--name',
    'churn',
    '--version-from',
    'v2.json',
    '--data',
    'fresh.arrow',
    '--json',
  );
  expect(result.code).toBe(0);
  expect(result.json).toMatchObject({ name: 'churn', version: 2, rows: 500 });
  expect((await mlops('evaluate', '--name', 'churn', '--data', 'fresh.arrow', '--json')).json.version).toBe(
    1,
  );
});

test('evaluate --version-from refuses a report without a version or of another model, in one line', async () => {
  writeFileSync(join(folders.work, 'unregistered.json'), JSON.stringify({ model: 'logistic', metrics: {} }));
  const unregistered = await mlops(
    'evaluate',
    '--name',
    'churn',
    '--version-from',
    'unregistered.json',
    '--data',
    'x.arrow',
  );
  expect(unregistered.code).toBe(1);
  expect(unregistered.stderr).toBe(
    `error: ${join(folders.work, 'unregistered.json')} has no version: the train run that wrote it did not register a model (give it --name churn)\n`,
  );
  writeFileSync(join(folders.work, 'other.json'), JSON.stringify({ name: 'fraud', version: 3 }));
  const other = await mlops(
    'evaluate',
    '--name',
    'churn',
    '--version-from',
    'other.json',
    '--data',
    'x.arrow',
  );
  expect(other.stderr).toBe(
    `error: ${join(folders.work, 'other.json')} is a report of model 'fraud', not 'churn': pass --name fraud or the report of a churn training\n`,
  );
  const missing = await mlops(
    'evaluate',
    '--name',
    'churn',
    '--version-from',
    'none.json',
    '--data',
    'x.arrow',
  );
  expect(missing.stderr).toBe(
    `error: --version-from ${join(folders.work, 'none.json')} does not exist: write it with \`mlops train … --name churn --report <file>\` first\n`,
  );
  const both = await mlops(
    'evaluate',
    '--name',
    'churn',
    '--version-from',
    'other.json',
    '--version',
    '1',
    '--data',
    'x.arrow',
  );
  expect(both.code).toBe(2);
});
