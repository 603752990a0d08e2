import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRegistry, readPredictionLog, storeLayout } from '@mlops/registry';
import { postJson } from '@mlops/testkit';
import { registerChurnVersion } from './__tests__/testServer';

// A real `node dist/main.js` (built by the build task, which `test` depends on).
const MAIN = join(__dirname, '..', 'dist', 'main.js');
jest.setTimeout(60_000);

let home: string;
beforeEach(async () => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build first (pnpm --filter @mlops/api build)`);
  home = mkdtempSync(join(tmpdir(), 'mlops-api-main-'));
  const registry = openRegistry(home);
  await registry.promote('churn', await registerChurnVersion(registry, 1));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

/** Spawns `node dist/main.js` on a free port with the test's MLOPS_HOME. */
function spawnServer(workers: number, env: NodeJS.ProcessEnv): ChildProcess {
  const { MLOPS_HASH_SALT: _ignored, ...inherited } = process.env;
  return spawn(process.execPath, [MAIN], {
    env: {
      ...inherited,
      MLOPS_HOME: home,
      PORT: '0',
      LOG_LEVEL: 'info',
      MLOPS_RATE_LIMIT: '0',
      WEB_CONCURRENCY: String(workers),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

/** Starts the server and resolves with its port once every process is listening. */
function start(workers: number): Promise<{ child: ChildProcess; port: number; stderr: string[] }> {
  // The churn model's customer_id is a sensitive id column: serving it needs a salt.
  const child = spawnServer(workers, { MLOPS_HASH_SALT: 'main-test-salt' });
  const stderr: string[] = [];
  return new Promise((resolve, reject) => {
    let listening = 0;
    let port = 0;
    child.stderr!.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        stderr.push(line);
        const match = /listening on http:\/\/localhost:(\d+)/.exec(line);
        if (match) {
          port = Number(match[1]);
          listening += 1;
          if (listening === workers) resolve({ child, port, stderr });
        }
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited early (${code}):\n${stderr.join('\n')}`)));
  });
}

/** POSTs one prediction with its request id; resolves with the status, or 0 when the connection was refused/reset. */
const predict = (port: number, agent: Agent, id: string, body: string): Promise<number> =>
  postJson({ port, agent, body, headers: { 'x-request-id': id } });

test.each([
  [1, 'one process'],
  [2, 'cluster mode with two workers'],
])('SIGTERM (%i: %s) finishes requests in flight, flushes the log and exits 0', async (workers) => {
  const { child, port, stderr } = await start(workers);
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
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const answered: string[] = [];
  let sent = 0;
  let signalled = false;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // 16 clients send requests back to back; SIGTERM arrives after 150 answers, with
  // requests in flight; clients keep sending until their connection is refused.
  const clients = Array.from({ length: 16 }, async () => {
    for (;;) {
      sent += 1;
      const id = `req-${sent}`;
      const status = await predict(port, agent, id, body);
      if (status === 200) answered.push(id);
      else if (status === 0) return;
      if (answered.length >= 150 && !signalled) {
        signalled = true;
        child.kill('SIGTERM');
      }
      if (sent > 5000) return;
    }
  });
  await Promise.all(clients);
  agent.destroy();
  expect(await exited).toBe(0);
  expect(signalled).toBe(true);
  const log = await readPredictionLog({ dir: storeLayout(home).predictions, model: 'churn' });
  const logged = new Set(log.records.map((r) => r.request_id));
  expect(answered.filter((id) => !logged.has(id))).toEqual([]);
  expect(answered.length).toBeGreaterThanOrEqual(150);
  const segmentSets = new Set(
    readdirSync(join(storeLayout(home).predictions, 'churn')).map((file) =>
      file.split('_').slice(0, 3).join('_'),
    ),
  );
  // One segment set per process: each worker that answered wrote its own files.
  expect(segmentSets.size).toBe(workers);
  expect(stderr.join('\n')).toMatch(/"message":"stopped"/);
});

test.each([
  [1, 'one process'],
  [2, 'cluster mode with two workers'],
])(
  'refuses to start (%i: %s) without MLOPS_HASH_SALT when a served model has a sensitive id column',
  async (workers) => {
    const child = spawnServer(workers, {});
    const stderr: string[] = [];
    child.stderr!.on('data', (chunk: Buffer) => stderr.push(...chunk.toString().split('\n').filter(Boolean)));
    const code = await new Promise<number | null>((resolve) =>
      child.once('exit', (exitCode) => resolve(exitCode)),
    );
    expect(code).toBe(1);
    const refusal =
      "error: model 'churn' v1 has the sensitive id column 'customer_id', which the prediction log always hashes, " +
      'but MLOPS_HASH_SALT is not set: set MLOPS_HASH_SALT (a secret string) to serve it';
    expect(stderr).toContain(refusal);
    // One process: the refusal is the last word; a cluster's primary adds that it stopped.
    if (workers === 1) expect(stderr.at(-1)).toBe(refusal);
    expect(stderr.join('\n')).not.toMatch(/listening on/);
  },
);

/** Resolves with the exit code and the stderr lines of a server that is expected to stop by itself. */
function runToExit(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string[] }> {
  const child = spawnServer(1, env);
  const stderr: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(...chunk.toString().split('\n').filter(Boolean)));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}

test('refuses to start with an MLOPS_API_KEY of only whitespace: one line naming the variable, exit 1', async () => {
  const { code, stderr } = await runToExit({ MLOPS_HASH_SALT: 'main-test-salt', MLOPS_API_KEY: '   ' });
  expect(code).toBe(1);
  expect(stderr).toHaveLength(1);
  expect(stderr[0]).toMatch(/^error: bad environment: MLOPS_API_KEY is only whitespace/);
});

test('starts and serves churn when another model has a corrupt aliases.json; /ready names that model', async () => {
  const registry = openRegistry(home);
  await registry.promote('aaa', await registerChurnVersion(registry, 1, { name: 'aaa' }));
  writeFileSync(join(storeLayout(home).models, 'aaa', 'aliases.json'), '{oops');
  const { child, port, stderr } = await start(1);
  try {
    const ready = await fetch(`http://127.0.0.1:${port}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      ready: true,
      models: {
        aaa: { status: 'failed', error: "the aliases of 'aaa' are not valid JSON: restore aliases.json" },
        churn: { status: 'serving', version: 1 },
      },
    });
    const logged = stderr.map((line) => JSON.parse(line)).find((line) => line.model === 'aaa');
    expect(logged).toMatchObject({ level: 'error', message: 'model failed to load: not served' });
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
});
