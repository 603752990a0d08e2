import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { tempHome } from '../__tests__/fixtures';
import { FileSystemStore } from './FileSystemStore';

const run = promisify(execFile);
const distEntry = resolve(__dirname, '../../dist/index.js');
let root: string;

beforeEach(() => {
  root = tempHome();
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

test('four processes registering at once get unique, gap-free version numbers', async () => {
  expect(existsSync(distEntry)).toBe(true);
  const script = `
    const { FileSystemStore } = require(${JSON.stringify(distEntry)});
    const store = new FileSystemStore(process.argv[1]);
    (async () => {
      const numbers = [];
      for (let i = 0; i < 10; i += 1) numbers.push(await store.createVersion('churn', { 'a.json': String(process.pid) }));
      process.stdout.write(JSON.stringify(numbers));
    })();`;
  const outputs = await Promise.all([1, 2, 3, 4].map(() => run(process.execPath, ['-e', script, root])));
  const numbers = outputs.flatMap((output) => JSON.parse(output.stdout) as number[]).sort((a, b) => a - b);
  expect(numbers).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  expect(await new FileSystemStore(root).listVersions('churn')).toEqual(numbers);
});

test('a writer killed with SIGKILL while writing leaves only whole versions and whole alias files', async () => {
  const script = `
    const { FileSystemStore } = require(${JSON.stringify(distEntry)});
    const store = new FileSystemStore(process.argv[1]);
    const big = JSON.stringify({ weights: Array.from({ length: 400000 }, (_, i) => i / 7) });
    (async () => {
      for (let i = 0; ; i += 1) {
        const version = await store.createVersion('churn', { 'model.json': big, 'version.json': JSON.stringify({ i }) });
        await store.withModelLock('churn', () => store.writeModelFile('churn', 'aliases.json', JSON.stringify({ production: version })));
        if (i === 0) process.stdout.write('started\\n');
      }
    })();`;
  const child = spawn(process.execPath, ['-e', script, root], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => child.stdout.once('data', resolve));
  await new Promise((resolve) => setTimeout(resolve, 150));
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));

  const store = new FileSystemStore(root, { lockTimeoutMs: 2_000 });
  const versions = await store.listVersions('churn');
  expect(versions.length).toBeGreaterThan(0);
  expect(versions).toEqual(Array.from({ length: versions.length }, (_, i) => i + 1));
  for (const version of versions) {
    const model = (await store.readVersionFile('churn', version, 'model.json'))!;
    expect(JSON.parse(model).weights).toHaveLength(400_000);
    expect(JSON.parse((await store.readVersionFile('churn', version, 'version.json'))!)).toEqual({
      i: version - 1,
    });
  }
  expect(JSON.parse((await store.readModelFile('churn', 'aliases.json'))!).production).toBeGreaterThan(0);
  // the dead writer's lock (if it held one) does not block the next writer
  await store.withModelLock('churn', async () => undefined);
  expect(await store.createVersion('churn', { 'a.json': '1' })).toBe(versions.length + 1);
});

test('a writer killed mid-version leaves the registry readable, without that version', async () => {
  const store = new FileSystemStore(root);
  await store.createVersion('churn', { 'a.json': '1' });
  // What a killed writer leaves: a half-filled staging folder.
  mkdirSync(join(root, 'churn', '.staging', 'dead'), { recursive: true });
  writeFileSync(join(root, 'churn', '.staging', 'dead', 'a.json'), '{"tor');
  expect(await store.listVersions('churn')).toEqual([1]);
  expect(await store.createVersion('churn', { 'a.json': '2' })).toBe(2);
});

test('a lock left by a dead process does not block the next writer', async () => {
  const store = new FileSystemStore(root, { lockTimeoutMs: 2_000 });
  const { stdout } = await run(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  mkdirSync(join(root, 'churn'), { recursive: true });
  writeFileSync(join(root, 'churn', '.lock'), JSON.stringify({ pid: Number(stdout), host: hostname() }));
  await expect(store.withModelLock('churn', async () => 'done')).resolves.toBe('done');
});

test('a lock held by a live process times out with a clear message', async () => {
  const store = new FileSystemStore(root, { lockTimeoutMs: 100 });
  await store.withModelLock('churn', async () => {
    await expect(store.withModelLock('churn', async () => 'never')).rejects.toThrow(
      /model 'churn' stayed locked for 100 ms/,
    );
    await expect(store.withModelLock('churn', async () => 'never')).rejects.toMatchObject({
      code: 'lock-timeout',
    });
  });
});
