import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ModelsError } from '@mlops/models';
import { churnVersion, tempHome } from '../__tests__/fixtures';
import { RegistryError } from '../errors';
import { openRegistry } from '../openRegistry';
import { storeLayout } from '../storeLayout';
import type { NewVersion } from './VersionRecord';

// biome-ignore lint/suspicious/noExplicitAny: damage reaches into any field of the model document
type Loose = any;

let home: string;
beforeEach(() => {
  home = tempHome();
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const versionFile = (version: number, file: string) =>
  join(storeLayout(home).models, 'churn', 'versions', String(version), file);

async function errorOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    expect(error instanceof RegistryError || error instanceof ModelsError).toBe(true);
    return { code: (error as RegistryError).code, message: (error as Error).message };
  }
  throw new Error('expected a rejection');
}

/** The damage finding 5 lists, applied to a model document. */
const damage: Array<[string, (doc: Loose) => void]> = [
  ['weights cut to 2 items', (doc) => (doc.estimator.weights = doc.estimator.weights.slice(0, 2))],
  ['a scaler scale of 0', (doc) => (doc.preprocessing.steps[0].scale = 0)],
  ['threshold "abc"', (doc) => (doc.threshold = 'abc')],
  ['classes []', (doc) => (doc.classes = [])],
  ['features []', (doc) => (doc.features = [])],
];

function damaged(change: (doc: Loose) => void): NewVersion {
  const version = churnVersion();
  const model = JSON.parse(JSON.stringify(version.model));
  change(model);
  return { ...version, model };
}

test('finding 5: records the sha256 of every version file, and a changed byte is corrupt-version naming the file', async () => {
  const registry = openRegistry(home);
  const record = await registry.registerVersion('churn', churnVersion());
  expect(Object.keys(record.checksums!)).toEqual([
    'metrics.json',
    'model.json',
    'profile.json',
    'reference.arrow',
    'test.arrow',
  ]);
  for (const [file, checksum] of Object.entries(record.checksums!)) {
    expect(
      createHash('sha256')
        .update(readFileSync(versionFile(1, file)))
        .digest('hex'),
    ).toBe(checksum);
  }
  const reads: Record<string, () => Promise<unknown>> = {
    'model.json': () => registry.readModelDocument('churn', 1),
    'profile.json': () => registry.readProfile('churn', 1),
    'metrics.json': () => registry.getVersion('churn', 1),
    'test.arrow': () => registry.readTestRows('churn', 1),
  };
  for (const [file, read] of Object.entries(reads)) {
    const original = readFileSync(versionFile(1, file));
    const changed = Buffer.from(original);
    changed[Math.floor(changed.length / 2)] ^= 1; // one flipped bit, still valid JSON most of the time
    writeFileSync(versionFile(1, file), changed);
    const error = await errorOf(read());
    expect([file, error.code]).toEqual([file, 'corrupt-version']);
    expect(error.message).toMatch(
      new RegExp(
        `^${file.replace('.', '\\.')} of 'churn' version 1 does not match its checksum \\(recorded sha256 [0-9a-f]{64}, found [0-9a-f]{64}\\): the file was changed or damaged; restore it or register a new version$`,
      ),
    );
    expect((await errorOf(registry.verifyVersion('churn', 1))).code).toBe('corrupt-version');
    writeFileSync(versionFile(1, file), original);
  }
  await expect(registry.verifyVersion('churn', 1)).resolves.toBeDefined();
  unlinkSync(versionFile(1, 'test.arrow'));
  expect(await errorOf(registry.readTestRows('churn', 1))).toEqual({
    code: 'corrupt-version',
    message:
      "version 1 of 'churn' has no test.arrow: the version folder is damaged; restore it or register a new version",
  });
});

test('finding 5: versions registered before checksums still load', async () => {
  const registry = openRegistry(home);
  await registry.registerVersion('churn', churnVersion());
  const meta = JSON.parse(readFileSync(versionFile(1, 'version.json'), 'utf8'));
  delete meta.checksums;
  writeFileSync(versionFile(1, 'version.json'), JSON.stringify(meta));
  expect((await registry.getVersion('churn', 1)).checksums).toBeUndefined();
  expect((await registry.readModelDocument('churn', 1)).format).toBe('mlops-model');
  expect((await registry.readTestRows('churn', 1))?.numRows).toBe(200);
  await registry.promote('churn', 1);
  expect(await registry.resolve('churn', { alias: 'production' })).toBe(1);
});

test.each(damage)(
  'finding 5: registerVersion refuses a document with %s before anything is written',
  async (_what, change) => {
    const registry = openRegistry(home);
    const error = await errorOf(registry.registerVersion('churn', damaged(change)));
    expect(error.code).toBe('bad-model-file');
    expect(error.message).toMatch(/^model file: /);
    expect(existsSync(join(storeLayout(home).models, 'churn'))).toBe(false);
  },
);

test.each(damage)(
  'finding 5: promote refuses a stored version with %s, and production stays',
  async (_what, change) => {
    const registry = openRegistry(home);
    await registry.registerVersion('churn', churnVersion());
    await registry.registerVersion('churn', churnVersion());
    await registry.promote('churn', 1);
    // Damage written behind the registry's back, with the checksums gone too (as in a version from before them).
    const model = JSON.parse(readFileSync(versionFile(2, 'model.json'), 'utf8'));
    change(model);
    writeFileSync(versionFile(2, 'model.json'), JSON.stringify(model));
    const meta = JSON.parse(readFileSync(versionFile(2, 'version.json'), 'utf8'));
    delete meta.checksums;
    writeFileSync(versionFile(2, 'version.json'), JSON.stringify(meta));

    const error = await errorOf(registry.promote('churn', 2));
    expect(error.code).toBe('corrupt-version');
    expect(error.message).toMatch(/^model\.json of 'churn' version 2 is not a usable model \(model file: /);
    expect((await errorOf(registry.setAlias('churn', 'staging', 2))).code).toBe('corrupt-version');
    expect(await registry.resolve('churn', { alias: 'production' })).toBe(1);
  },
);

test('finding 5: promote and rollback refuse a version whose file no longer matches its checksum', async () => {
  const registry = openRegistry(home);
  for (let i = 0; i < 3; i += 1) await registry.registerVersion('churn', churnVersion());
  await registry.promote('churn', 1);
  await registry.promote('churn', 2);
  const model = JSON.parse(readFileSync(versionFile(1, 'model.json'), 'utf8'));
  model.threshold = 0.9; // structurally fine, but not what was registered
  writeFileSync(versionFile(1, 'model.json'), JSON.stringify(model));
  writeFileSync(versionFile(3, 'metrics.json'), '{"metrics": {}, "baselineMetrics": {}}');
  expect((await errorOf(registry.promote('churn', 3))).message).toMatch(
    /^metrics\.json of 'churn' version 3 does not match its checksum/,
  );
  expect((await errorOf(registry.rollback('churn'))).message).toMatch(
    /^model\.json of 'churn' version 1 does not match its checksum/,
  );
  expect((await errorOf(registry.rollback('churn', { toVersion: 1 }))).code).toBe('corrupt-version');
  expect(await registry.resolve('churn', { alias: 'production' })).toBe(2);
});
