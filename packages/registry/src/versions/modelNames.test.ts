import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { churnVersion, tempHome } from '../__tests__/fixtures';
import { RegistryError } from '../errors';
import { openRegistry } from '../openRegistry';
import { FileSystemRunStore } from '../runs/FileSystemRunStore';
import type { RegistryStore } from '../storage/RegistryStore';
import { ModelRegistry } from './ModelRegistry';

let sandbox: string;
let home: string;
beforeEach(() => {
  // `../../../x` from <home>/registry/models is <sandbox>/x: the test can see anything written there.
  sandbox = tempHome();
  home = join(sandbox, 'home');
  mkdirSync(home);
});
afterEach(() => rmSync(sandbox, { recursive: true, force: true }));

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(RegistryError);
    return (error as RegistryError).code;
  }
}

/** A store that records every call: a refused name must reach none of them. */
function recordingStore(inner: RegistryStore, calls: string[]): RegistryStore {
  return new Proxy(inner, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(String(key));
        return value.apply(target, args);
      };
    },
  });
}

const callsWithName = (registry: ModelRegistry, name: string): Array<[string, () => Promise<unknown>]> => [
  ['registerVersion', () => registry.registerVersion(name, churnVersion())],
  ['listVersions', () => registry.listVersions(name)],
  ['getVersion', () => registry.getVersion(name, 1)],
  ['resolve', () => registry.resolve(name, { alias: 'production' })],
  ['readModelDocument', () => registry.readModelDocument(name, 1)],
  ['readProfile', () => registry.readProfile(name, 1)],
  ['readFeatures', () => registry.readFeatures(name, 1)],
  ['readTestRows', () => registry.readTestRows(name, 1)],
  ['verifyVersion', () => registry.verifyVersion(name, 1)],
  ['gateRules', () => registry.gateRules(name, 'binary')],
  ['compareWithProduction', () => registry.compareWithProduction(name, undefined)],
  ['checkGate', () => registry.checkGate(name, { task: 'binary', metrics: {}, baselineMetrics: {} })],
  ['readAliases', () => registry.readAliases(name)],
  ['aliasStamp', () => registry.aliasStamp(name)],
  ['promote', () => registry.promote(name, 1)],
  ['rollback', () => registry.rollback(name)],
  ['archive', () => registry.archive(name, 1)],
  ['setGate', () => registry.setGate(name, 'f1 >= 0.5')],
  ['setAlias', () => registry.setAlias(name, 'staging', 1)],
  ['readAudit', () => registry.readAudit(name)],
];

test('finding 4: every method that takes a model name refuses `..` names as bad-name before any I/O', async () => {
  const calls: string[] = [];
  const registry = new ModelRegistry(recordingStore(openRegistry(home).store, calls));
  // A real model at the place `../../../x` would reach, so a missed check would write there.
  await openRegistry(home).registerVersion('churn', churnVersion());
  for (const name of ['../../../x', '..', '/etc', 'a/b', '', 'churn\0', 'Churn']) {
    for (const [method, call] of callsWithName(registry, name)) {
      expect([method, name, await codeOf(call())]).toEqual([method, name, 'bad-name']);
    }
  }
  expect(calls).toEqual([]);
  expect(readdirSync(sandbox)).toEqual(['home']);
  expect(await codeOf(registry.setAlias('churn', '../staging', 1))).toBe('bad-name');
  expect(await codeOf(registry.resolve('churn', { alias: '../x' }))).toBe('bad-name');
  expect(await codeOf(registry.getVersion('churn', 1.5))).toBe('unknown-version');
  expect(await codeOf(registry.getVersion('churn', -1))).toBe('unknown-version');
});

test('finding 4: reading the aliases or audit of an unknown model is unknown-model, not an empty answer', async () => {
  const registry = openRegistry(home);
  expect(await codeOf(registry.readAudit('nosuchmodel'))).toBe('unknown-model');
  expect(await codeOf(registry.readAliases('nosuchmodel'))).toBe('unknown-model');
  expect(await codeOf(registry.readTestRows('nosuchmodel', 1))).toBe('unknown-model');
  await expect(registry.readAudit('nosuchmodel')).rejects.toThrow(/no model named 'nosuchmodel'/);
  await registry.registerVersion('churn', churnVersion());
  expect(await registry.readAudit('churn')).toEqual([]);
  expect((await registry.readAliases('churn')).aliases).toEqual({});
  expect(await codeOf(registry.readTestRows('churn', 2))).toBe('unknown-version');
});

test('finding 4: run ids and artifact names cannot leave the run store', async () => {
  const store = new FileSystemRunStore(join(home, 'runs'));
  const run = await store.start({ experiment: 'e', kind: 'train' });
  for (const name of ['..', '.', '../x', '/etc/passwd', 'a\0b']) {
    expect(await codeOf(store.addArtifact(run.id, name, 'x'))).toBe('bad-name');
  }
  expect(await codeOf(store.get('../../x'))).toBe('unknown-run');
  expect(readdirSync(sandbox)).toEqual(['home']);
});
