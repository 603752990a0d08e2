import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStores, type Stores, storeLayout } from '@mlops/registry';
import { type ServerTestDatabase, serverTestDatabase } from '@mlops/testkit';
import { registerChurnVersion } from './__tests__/testServer';

// A real `node dist/main.js` with MLOPS_DATABASE_URL set to a fresh database of this file's own.
const MAIN = join(__dirname, '..', 'dist', 'main.js');
const body = JSON.stringify({
  tenure_months: 3,
  monthly_charges: 69.75,
  num_complaints: 4,
  usage_hours: 6.37,
  support_calls: 7,
  age: 54,
  contract: 'month-to-month',
  payment_method: 'electronic-check',
  internet_service: 'dsl',
});

let database: ServerTestDatabase;
let home: string;
let stores: Stores;
beforeEach(async () => {
  database = await serverTestDatabase();
  home = mkdtempSync(join(tmpdir(), 'mlops-api-pg-'));
});
afterEach(async () => {
  await stores?.close();
  await database?.drop();
  rmSync(home, { recursive: true, force: true });
});

/** Starts the API on a free port; resolves once `workers` processes listen. */
function start(workers: number): Promise<{ child: ChildProcess; port: number; stderr: string[] }> {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH,
      MLOPS_HOME: home,
      MLOPS_DATABASE_URL: database.url,
      MLOPS_HASH_SALT: 'pg-test-salt',
      PORT: '0',
      LOG_LEVEL: 'info',
      WEB_CONCURRENCY: String(workers),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stderr: string[] = [];
  return new Promise((resolve, reject) => {
    let listening = 0;
    child.stderr!.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        stderr.push(line);
        const match = /listening on http:\/\/localhost:(\d+)/.exec(line);
        if (match && ++listening === workers) resolve({ child, port: Number(match[1]), stderr });
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited early (${code}):\n${stderr.join('\n')}`)));
  });
}

const predictVersion = async (port: number): Promise<number> => {
  const response = await fetch(`http://127.0.0.1:${port}/predict`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { model_version: number }).model_version;
};

test('serves the version promoted in PostgreSQL, switches when production moves there, and exits 0 on SIGTERM', async () => {
  stores = await openStores({ home, database: { url: database.url } });
  const v1 = await registerChurnVersion(stores.registry, 1);
  await stores.registry.promote('churn', v1);
  const v2 = await registerChurnVersion(stores.registry, 1);
  const { child, port, stderr } = await start(1);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  expect(await predictVersion(port)).toBe(v1);
  await stores.registry.promote('churn', v2, { reason: 'e2e' });
  // The API polls the alias stamp: wait for the switch, with a generous deadline, never a fixed sleep.
  const deadline = Date.now() + 30_000;
  let served = v1;
  while (served !== v2 && Date.now() < deadline) served = await predictVersion(port);
  expect(served).toBe(v2);
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  expect(stderr.join('\n')).toMatch(/"message":"stopped"/);
  // The registry stayed in the database; only the prediction log is under MLOPS_HOME.
  expect(existsSync(storeLayout(home).models)).toBe(false);
  expect(existsSync(join(storeLayout(home).predictions, 'churn'))).toBe(true);
});

test('two workers starting together on a database never migrated both come up, on the schema they applied', async () => {
  const { child, port } = await start(2);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  stores = await openStores({ home, database: { url: database.url } });
  // The workers applied the schema: the factory here finds nothing left to apply.
  expect(stores.migration?.applied).toEqual([]);
  const ready = await fetch(`http://127.0.0.1:${port}/ready`);
  expect(ready.status).toBe(503); // nothing promoted yet
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
});
