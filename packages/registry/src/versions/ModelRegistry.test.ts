import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { churnVersion, tempHome } from '../__tests__/fixtures';
import { openRegistry } from '../openRegistry';
import { storeLayout } from '../storeLayout';

let home: string;
beforeEach(() => {
  home = tempHome();
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

// Promote, rollback (also to a named version), gates, archive and audit on every store: registry.conformance.ts.

test('registers versions 1, 2, 3 and reads back what was stored', async () => {
  const registry = openRegistry(home);
  for (const expected of [1, 2, 3]) {
    expect((await registry.registerVersion('churn', churnVersion())).version).toBe(expected);
  }
  const v2 = await registry.getVersion('churn', 2);
  expect(v2).toMatchObject({
    name: 'churn',
    version: 2,
    kind: 'logistic',
    task: 'binary',
    dataRows: 1_000,
    aliases: [],
  });
  expect((await registry.readModelDocument('churn', 2)).format).toBe('mlops-model');
  expect(await registry.listModels()).toEqual(['churn']);
});

test('a gate set after registration applies when the version is promoted, and the refusal is audited', async () => {
  const registry = openRegistry(home);
  await registry.registerVersion('churn', churnVersion());
  await registry.setGate('churn', 'f1 >= 0.99');
  await expect(registry.promote('churn', 1)).rejects.toThrow(
    /version 1 of 'churn' does not pass its gate: f1 0\.\d{4} >= 0\.9900: FAILED/,
  );
  expect(await registry.compareWithProduction('churn', undefined)).toBeUndefined();
  const refused = (await registry.readAudit('churn')).at(-1)!;
  expect(refused).toMatchObject({ action: 'promote-refused', from: null, to: null });
  expect(refused.gate?.rules?.[0]).toMatchObject({ metric: 'f1', op: '>=', threshold: 0.99, passed: false });
});

test('a later promote re-scores the production of that moment on the version’s own test rows', async () => {
  const registry = openRegistry(home);
  await registry.registerVersion('churn', churnVersion('weak'));
  await registry.registerVersion('churn', churnVersion('medium'));
  await registry.registerVersion('churn', churnVersion('strong'));
  await registry.promote('churn', 1);
  await registry.promote('churn', 3);
  // v2 beats v1, which was production when it was trained, but not v3, production now.
  await expect(registry.promote('churn', 2)).rejects.toThrow(/production v3/);
  const entry = (await registry.readAudit('churn')).at(-1)!;
  const strong = churnVersion('strong').metrics.roc_auc as number;
  expect(entry.gate?.production?.version).toBe(3);
  expect(entry.gate?.production?.metrics.roc_auc).toBeCloseTo(strong, 12);
  const rows = await registry.readTestRows('churn', 2);
  expect(rows?.numRows).toBe(200);
  expect((await registry.getVersion('churn', 2)).testRows).toBe(200);
});

test('when production cannot score the candidate’s rows, the rules on production fail and say why', async () => {
  const registry = openRegistry(home);
  await registry.registerVersion('churn', churnVersion('strong'));
  await registry.promote('churn', 1);
  const medium = churnVersion('medium');
  const gate = await registry.checkGate('churn', {
    task: 'binary',
    metrics: medium.metrics,
    baselineMetrics: medium.baselineMetrics,
    testRows: medium.testRows!.drop(['age']),
  });
  expect(gate.passed).toBe(false);
  expect(gate.checks.at(-1)).toMatch(
    /^roc_auc >= production: FAILED \(production v1 cannot score the candidate's test rows \(input column 'age' is missing/,
  );
});

test('unknown models, versions and aliases give errors that say what exists', async () => {
  const registry = openRegistry(home);
  await expect(registry.getVersion('nope', 1)).rejects.toThrow(
    /no model named 'nope' in the registry \(models: none\)/,
  );
  await expect(registry.getVersion('nope', 1)).rejects.toMatchObject({ code: 'unknown-model' });
  await registry.registerVersion('churn', churnVersion());
  await expect(registry.resolve('churn', { version: 7 })).rejects.toThrow(/has no version 7 \(versions: 1\)/);
  await expect(registry.resolve('churn', { alias: 'production' })).rejects.toThrow(
    /has no alias 'production'/,
  );
  await expect(registry.registerVersion('Bad Name', churnVersion())).rejects.toThrow(
    /model name 'Bad Name' is not allowed/,
  );
  await expect(registry.registerVersion('Bad Name', churnVersion())).rejects.toMatchObject({
    code: 'bad-name',
  });
  await expect(registry.resolve('churn', { version: 7 })).rejects.toMatchObject({ code: 'unknown-version' });
});

test('a damaged version file is reported as corrupt, naming the file', async () => {
  const registry = openRegistry(home);
  await registry.registerVersion('churn', churnVersion());
  writeFileSync(join(storeLayout(home).models, 'churn', 'versions', '1', 'version.json'), '{ torn');
  await expect(registry.getVersion('churn', 1)).rejects.toThrow(
    /version\.json of 'churn' version 1 is not valid JSON/,
  );
  await expect(registry.getVersion('churn', 1)).rejects.toMatchObject({ code: 'corrupt-version' });
});

test('the alias stamp changes when production moves', async () => {
  const registry = openRegistry(home);
  await registry.registerVersion('churn', churnVersion());
  await registry.registerVersion('churn', churnVersion());
  await registry.promote('churn', 1);
  const before = await registry.aliasStamp('churn');
  await registry.promote('churn', 2);
  expect(await registry.aliasStamp('churn')).not.toEqual(before);
});

test('archives a version: it cannot be promoted again, and rollback skips it', async () => {
  const registry = openRegistry(home);
  for (let i = 0; i < 3; i += 1) await registry.registerVersion('churn', churnVersion());
  await registry.promote('churn', 1);
  await registry.promote('churn', 2);
  await registry.promote('churn', 3);
  await expect(registry.archive('churn', 3)).rejects.toThrow(
    /version 3 of 'churn' is in production: roll back/,
  );
  await registry.archive('churn', 2, { reason: 'leaky feature' });
  expect((await registry.getVersion('churn', 2)).archived).toBe(true);
  await expect(registry.promote('churn', 2)).rejects.toThrow(/version 2 of 'churn' is archived/);
  await registry.rollback('churn');
  expect(await registry.resolve('churn', { alias: 'production' })).toBe(1);
  const last = (await registry.readAudit('churn')).at(-2)!;
  expect(last).toMatchObject({ action: 'archive', alias: 'v2', reason: 'leaky feature' });
});

test('keeps a per-model gate and refuses one that does not parse', async () => {
  const registry = openRegistry(home);
  await registry.registerVersion('churn', churnVersion());
  await registry.setGate('churn', 'f1 >= 0.6, roc_auc > baseline');
  expect((await registry.readAliases('churn')).gate).toBe('f1 >= 0.6, roc_auc > baseline');
  await expect(registry.setGate('churn', 'f1 >>= 2')).rejects.toThrow(/gate rule 'f1 >>= 2' does not parse/);
  expect((await registry.readAliases('churn')).gate).toBe('f1 >= 0.6, roc_auc > baseline');
});
