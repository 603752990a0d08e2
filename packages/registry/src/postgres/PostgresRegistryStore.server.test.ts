import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { churnVersion } from '../__tests__/fixtures';
import { ModelRegistry } from '../versions/ModelRegistry';
import type { AuditEntry } from '../versions/ModelState';
import { registryTables, serverTestDatabase, type TestDatabase } from './__tests__/testDatabases';
import { migrate } from './migrate';
import { PostgresRegistryStore } from './PostgresRegistryStore';

// Needs the server (several processes on one database): run by `pnpm test:postgres`, on the built package.
const dist = resolve(__dirname, '../../dist/index.js');
let server: TestDatabase & { url: string };
let dir: string;
beforeAll(async () => {
  server = await serverTestDatabase();
  await migrate(server.db);
  dir = mkdtempSync(join(tmpdir(), 'mlops-pgregistry-'));
});
afterAll(async () => {
  await server?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await server.db.query(`TRUNCATE ${registryTables.join(', ')}`);
});

const count = async (sql: string) => Number((await server.db.query<{ n: number }>(sql)).rows[0].n);

/** Polls `condition` every 20 ms until it holds; fails naming `what` after `ms`. */
async function until(what: string, condition: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`gave up after ${ms} ms waiting until ${what}`);
    await new Promise((done) => setTimeout(done, 20));
  }
}

test('four trainer processes registering versions of one model at once get 1..40, unique and gap-free', async () => {
  // What the trainers register: a real model, without its Arrow tables (JSON carries the rest).
  const { testRows: _rows, referenceSample: _sample, ...version } = churnVersion();
  const versionFile = join(dir, 'version.json');
  writeFileSync(versionFile, JSON.stringify(version));
  const script = `
    const { readFileSync } = require('node:fs');
    const { ModelRegistry, PoolDatabase, PostgresRegistryStore } = require(${JSON.stringify(dist)});
    const db = new PoolDatabase({ connectionString: process.argv[1], max: 2 });
    const registry = new ModelRegistry(new PostgresRegistryStore(db));
    const version = JSON.parse(readFileSync(process.argv[2], 'utf8'));
    (async () => {
      const numbers = [];
      for (let i = 0; i < 10; i += 1) {
        const record = await registry.registerVersion('churn', { ...version, tags: { pid: String(process.pid) } });
        numbers.push(record.version);
      }
      process.stdout.write(JSON.stringify(numbers));
      await db.close();
    })().catch((error) => { console.error(error); process.exit(1); });`;
  const run = promisify(execFile);
  const outputs = await Promise.all(
    [1, 2, 3, 4].map(() => run(process.execPath, ['-e', script, server.url, versionFile])),
  );
  const perProcess = outputs.map((output) => JSON.parse(output.stdout) as number[]);
  // Each trainer's own numbers rise; together they are 1..40 once each.
  for (const numbers of perProcess) expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  expect(perProcess.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  const registry = new ModelRegistry(new PostgresRegistryStore(server.db));
  const records = await registry.listVersions('churn');
  expect(records.map((record) => record.version)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  expect(new Set(records.map((record) => record.tags.pid)).size).toBe(4);
  await expect(registry.verifyVersion('churn', 40)).resolves.toBeDefined();
});

test('a registration killed with SIGKILL mid-transaction leaves no version, no file and no gap', async () => {
  const store = new PostgresRegistryStore(server.db);
  await store.createVersion('churn', { 'version.json': '{"i":1}', 'model.json': '{}' });
  // The killed process is known to the server by this name.
  const url = new URL(server.url);
  url.searchParams.set('application_name', 'mlops-killed-registration');
  const script = `
    const { PoolDatabase, PostgresRegistryStore } = require(${JSON.stringify(dist)});
    const store = new PostgresRegistryStore(new PoolDatabase({ connectionString: process.argv[1], max: 1 }));
    const big = JSON.stringify({ weights: Array.from({ length: 400000 }, (_, i) => i / 7) });
    store.createVersion('churn', { 'version.json': '{"i":2}', 'model.json': big, 'profile.json': big });`;
  const backend = async () =>
    (
      await server.db.query<{ wait_event_type: string | null; backend_xid: string | null }>(
        `SELECT wait_event_type, backend_xid::text FROM pg_stat_activity
         WHERE application_name = 'mlops-killed-registration' AND datname = current_database()`,
      )
    ).rows;

  // Holding a lock that conflicts with writing artifacts stops the registration inside its
  // transaction, after its version number and row and before its files: the kill lands there.
  let release!: () => void;
  let locked!: () => void;
  const isLocked = new Promise<void>((done) => {
    locked = done;
  });
  const blocker = server.db.transaction(async (tx) => {
    await tx.query('LOCK TABLE artifacts IN SHARE MODE');
    locked();
    await new Promise<void>((done) => {
      release = done;
    });
  });
  await isLocked;
  const child = spawn(process.execPath, ['-e', script, url.toString()], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((done) => child.once('exit', done));
  try {
    await until('the registration waits inside its transaction', async () => {
      const [row] = await backend();
      return row?.wait_event_type === 'Lock' && row.backend_xid !== null;
    });
  } finally {
    child.kill('SIGKILL');
    await exited;
    release();
    await blocker;
  }
  await until('the server has ended the killed registration', async () => (await backend()).length === 0);

  expect(await store.listVersions('churn')).toEqual([1]);
  expect(await count('SELECT count(*) AS n FROM artifacts WHERE version <> 1')).toBe(0);
  expect(await count('SELECT last_version AS n FROM version_counters')).toBe(1);
  expect(await store.createVersion('churn', { 'version.json': '{"i":3}' })).toBe(2);
});

test('a move waits for another move of the same model, gives up as lock-timeout, and registrations go on', async () => {
  const store = new PostgresRegistryStore(server.db, { lockTimeoutMs: 300 });
  await store.createVersion('churn', { 'version.json': '{}' });
  const entry = (alias: string): AuditEntry => ({
    time: new Date().toISOString(),
    actor: 'test',
    model: 'churn',
    alias,
    from: null,
    action: 'set-alias',
    to: 1,
    reason: '',
    forced: false,
  });
  let release!: () => void;
  let holding!: () => void;
  const isHolding = new Promise<void>((done) => {
    holding = done;
  });
  const first = store.updateState('churn', async (state) => {
    holding();
    await new Promise<void>((done) => {
      release = done;
    });
    state.aliases.staging = 1;
    return { audit: entry('staging'), state };
  });
  await isHolding;
  try {
    await expect(
      store.updateState('churn', async (state) => ({ audit: entry('canary'), state })),
    ).rejects.toMatchObject({
      code: 'lock-timeout',
      message: expect.stringMatching(/^model 'churn' stayed locked by another move for 300 ms/),
    });
    // A registration only references the model's row, so the move holding it does not stop it.
    expect(await store.createVersion('churn', { 'version.json': '{}' })).toBe(2);
  } finally {
    release();
    await first;
  }
  expect((await store.readAudit('churn')).map((audited) => audited.alias)).toEqual(['staging']);
  expect((await store.readState('churn')).aliases).toEqual({ staging: 1 });
});
