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
function start(
  workers: number,
  extraEnv: Record<string, string> = {},
): Promise<{ child: ChildProcess; port: number; stderr: string[] }> {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH,
      MLOPS_HOME: home,
      MLOPS_DATABASE_URL: database.url,
      MLOPS_HASH_SALT: 'pg-test-salt',
      PORT: '0',
      LOG_LEVEL: 'info',
      WEB_CONCURRENCY: String(workers),
      ...extraEnv,
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
  // The registry and the prediction log stayed in the database: nothing under MLOPS_HOME.
  expect(existsSync(storeLayout(home).models)).toBe(false);
  expect(existsSync(storeLayout(home).predictions)).toBe(false);
  expect((await loggedIds()).size).toBeGreaterThan(0);
});

/** The request ids of churn's rows in the prediction_log table. */
async function loggedIds(): Promise<Set<string>> {
  const ids = new Set<string>();
  await stores.predictionLog.readWindow(
    { model: 'churn' },
    { onRecord: (record) => ids.add(record.request_id) },
  );
  return ids;
}

test('two API processes on one database both switch to a promoted version while requests flow, none failing, and log every request to the table', async () => {
  stores = await openStores({ home, database: { url: database.url } });
  const v1 = await registerChurnVersion(stores.registry, 1);
  await stores.registry.promote('churn', v1);
  const v2 = await registerChurnVersion(stores.registry, 1);
  // Polling once an hour: the switch within the test's deadline can only come from the LISTEN watcher.
  const hourly = { MLOPS_WATCH_INTERVAL_MS: '3600000' };
  const servers = [await start(1, hourly), await start(1, hourly)];
  const exits = servers.map(
    ({ child }) => new Promise<number | null>((resolve) => child.once('exit', resolve)),
  );
  const answered = servers.map(() => [] as string[]);
  const failures: string[] = [];
  const latest = servers.map(() => 0);
  // One request at a time to each process, round and round, until told to stop.
  let flowing = true;
  const loops = servers.map(async ({ port }, i) => {
    while (flowing) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/predict`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        const answer = (await response.json()) as { model_version?: number };
        if (response.status !== 200) failures.push(`${port}: ${response.status} ${JSON.stringify(answer)}`);
        else {
          answered[i].push(response.headers.get('x-request-id')!);
          latest[i] = answer.model_version!;
        }
      } catch (error) {
        failures.push(`${port}: ${String(error)}`);
      }
    }
  });
  const until = async (done: () => boolean, what: string) => {
    const deadline = Date.now() + 30_000;
    while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    if (!done()) throw new Error(`timed out waiting for ${what}; failures: ${failures.join('; ')}`);
  };
  try {
    await until(() => latest.every((version) => version === v1), 'both processes to answer with v1');
    await stores.registry.promote('churn', v2, { reason: 'two processes' });
    await until(() => latest.every((version) => version === v2), 'both processes to answer with v2');
    // A few more answers from each after the switch, so requests kept flowing through it.
    const after = answered.map((ids) => ids.length);
    await until(() => answered.every((ids, i) => ids.length >= after[i] + 5), 'answers after the switch');
  } finally {
    flowing = false;
    await Promise.all(loops);
  }
  expect(failures).toEqual([]);
  for (const { child } of servers) child.kill('SIGTERM');
  expect(await Promise.all(exits)).toEqual([0, 0]);
  // Both processes flushed on stop: every answered request is a row of prediction_log.
  const logged = await loggedIds();
  for (const ids of answered) {
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.filter((id) => !logged.has(id))).toEqual([]);
  }
  expect(existsSync(storeLayout(home).predictions)).toBe(false);
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

test('a route set in PostgreSQL reaches the API by LISTEN: a full canary answers, then a shadow scores off-path, roles logged in the table', async () => {
  stores = await openStores({ home, database: { url: database.url } });
  await stores.registry.promote('churn', await registerChurnVersion(stores.registry, 1));
  const v2 = await registerChurnVersion(stores.registry, 2);
  // Polling once an hour: a route seen within the deadline can only come from the LISTEN watcher.
  const { child, port } = await start(1, { MLOPS_WATCH_INTERVAL_MS: '3600000' });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  expect(await predictVersion(port)).toBe(1);
  await stores.registry.setRoute('churn', { version: v2, mode: 'canary', weight: 100 });
  const deadline = Date.now() + 30_000;
  let served = 1;
  while (served !== v2 && Date.now() < deadline) served = await predictVersion(port);
  expect(served).toBe(v2);
  await stores.registry.setRoute('churn', { version: v2, mode: 'shadow' });
  while (served !== 1 && Date.now() < deadline) served = await predictVersion(port);
  expect(served).toBe(1);
  const shadowed = await fetch(`http://127.0.0.1:${port}/predict`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': 'pg-shadow-1' },
    body,
  });
  expect(((await shadowed.json()) as { model_version: number }).model_version).toBe(1);
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  const rows: Array<[number, string | undefined]> = [];
  await stores.predictionLog.readWindow(
    { model: 'churn' },
    {
      onRecord: (record) =>
        record.request_id === 'pg-shadow-1' && rows.push([record.model_version, record.role]),
    },
  );
  expect(rows.sort()).toEqual([
    [1, 'champion'],
    [v2, 'shadow'],
  ]);
  const roles = new Set<string>();
  await stores.predictionLog.readWindow(
    { model: 'churn' },
    { onRecord: (record) => roles.add(`${record.model_version}:${record.role}`) },
  );
  expect(roles).toEqual(new Set(['1:champion', `${v2}:canary`, `${v2}:shadow`]));
});
