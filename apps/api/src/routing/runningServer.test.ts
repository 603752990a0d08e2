import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { churnSchema } from '@mlops/features';
import { openRegistry, predictionRole, readPredictionLog, storeLayout } from '@mlops/registry';
import { requestExample } from '@mlops/testkit';
import { registerChurnVersion } from '../__tests__/testServer';

// A real `node dist/main.js` (built by the build task, which `test` depends on), polling the
// registry folder every 50 ms; the promotion comes from this process, as the CLI's would.
const MAIN = join(__dirname, '..', '..', 'dist', 'main.js');
jest.setTimeout(120_000);

let home: string;
beforeEach(() => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build first (pnpm --filter @mlops/api build)`);
  home = mkdtempSync(join(tmpdir(), 'mlops-api-route-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

function start(): Promise<{ child: ChildProcess; port: number }> {
  const { MLOPS_HASH_SALT: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...inherited,
      MLOPS_HOME: home,
      PORT: '0',
      LOG_LEVEL: 'info',
      MLOPS_RATE_LIMIT: '0',
      WEB_CONCURRENCY: '1',
      MLOPS_WATCH_INTERVAL_MS: '50',
      MLOPS_HASH_SALT: 'route-test-salt',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stderr: string[] = [];
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr.push(chunk.toString());
      const match = /listening on http:\/\/localhost:(\d+)/.exec(chunk.toString());
      if (match) resolve({ child, port: Number(match[1]) });
    });
    child.once('exit', (code) => reject(new Error(`server exited early (${code}):\n${stderr.join('')}`)));
  });
}

/** One POST /predict; resolves with the status and the answering version (0 when the connection failed). */
async function predict(port: number, agent: Agent, body: string, id: string): Promise<[number, number]> {
  const { request } = await import('node:http');
  return new Promise((resolve) => {
    const req = request(
      {
        port,
        agent,
        method: 'POST',
        path: '/predict',
        headers: { 'content-type': 'application/json', 'x-request-id': id },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString();
        });
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          resolve([
            status,
            status === 200 ? (JSON.parse(text) as { model_version: number }).model_version : 0,
          ]);
        });
      },
    );
    req.on('error', () => resolve([0, 0]));
    req.end(body);
  });
}

test('promoting a canary challenger while 8 clients send requests fails no request, and every later answer is the new production', async () => {
  const registry = openRegistry(home);
  await registry.promote('churn', await registerChurnVersion(registry, 1));
  await registerChurnVersion(registry, 1); // v2: the same rows again, so the gate lets it through
  await registry.setRoute('churn', { version: 2, mode: 'canary', weight: 50 });
  const { child, port } = await start();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const failures: string[] = [];
  const answers: Array<{ id: string; version: number; afterPromote: boolean }> = [];
  let promoted = false;
  let promotedAt = 0;
  let sent = 0;
  const clients = Array.from({ length: 8 }, async (_, client) => {
    for (let i = 0; ; i += 1) {
      const body = JSON.stringify({
        ...requestExample(churnSchema, undefined, { seed: i % 20 }),
        customer_id: `C${client}-${i % 40}`,
      });
      sent += 1;
      const id = `c${client}-${i}`;
      const afterPromote = promoted;
      const [status, version] = await predict(port, agent, body, id);
      if (status !== 200) failures.push(`${id}: ${status}`);
      else answers.push({ id, version, afterPromote });
      // Stop once the server has answered 100 requests in a row with the new production
      // (its watcher polls every 50 ms), at least 100 answers after the promotion.
      if (promoted && answers.length - promotedAt >= 100 && answers.slice(-100).every((a) => a.version === 2))
        return;
      if (sent > 20_000) return;
    }
  });
  // The promotion runs in this process while the clients keep sending.
  const promotion = (async () => {
    while (answers.length < 200) await new Promise((resolve) => setImmediate(resolve));
    const entry = await registry.promoteChallenger('churn', { actor: 'test' });
    promoted = true;
    promotedAt = answers.length;
    return entry;
  })();
  await Promise.all([...clients, promotion]);
  expect(failures).toEqual([]);
  expect((await promotion).to).toBe(2);
  const before = answers.filter((answer) => !answer.afterPromote);
  expect(new Set(before.map((answer) => answer.version))).toEqual(new Set([1, 2]));
  // The last answers are all the new production's: the canary ended with its promotion.
  expect(new Set(answers.slice(-100).map((answer) => answer.version))).toEqual(new Set([2]));
  child.kill('SIGTERM');
  agent.destroy();
  expect(await exited).toBe(0);
  const log = await readPredictionLog({ dir: storeLayout(home).predictions, model: 'churn' });
  expect(log.records).toHaveLength(answers.length);
  const roles = new Set(log.records.map((r) => `${r.model_version}:${predictionRole(r)}`));
  // v1 answered as champion, v2 as canary before the promotion and as champion after it.
  expect(roles).toEqual(new Set(['1:champion', '2:canary', '2:champion']));
  expect(await registry.readRoute('churn')).toBeUndefined();
});

/** POSTs `body` to /predict; resolves with the parsed answer (fails on any other status). */
async function answer(port: number, body: string, id: string): Promise<Record<string, unknown>> {
  const response = await fetch(`http://127.0.0.1:${port}/predict`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': id },
    body,
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

test('a shadow in a running server never changes an answer; its own answers are logged with role shadow under the same request ids', async () => {
  const registry = openRegistry(home);
  await registry.promote('churn', await registerChurnVersion(registry, 1));
  const v2 = await registerChurnVersion(registry, 2);
  const { child, port } = await start();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const given = Array.from({ length: 40 }, (_, i) =>
    JSON.stringify({ ...requestExample(churnSchema, undefined, { seed: 300 + i }), customer_id: `K${i}` }),
  );
  const pick = (a: Record<string, unknown>) => [a.prediction, a.probability, a.model_version];
  const before = [];
  for (const [i, body] of given.entries()) before.push(pick(await answer(port, body, `before-${i}`)));
  await registry.setRoute('churn', { version: v2, mode: 'shadow' });
  // The server polls every 50 ms: wait until the shadow shows in /metrics (a condition, not a sleep).
  const deadline = Date.now() + 30_000;
  let shadowing = false;
  for (let probe = 0; !shadowing && Date.now() < deadline; probe += 1) {
    await answer(port, given[0], `probe-${probe}`);
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    shadowing = /mlops_predictions_total\{model="churn",version="2",role="shadow"\} [1-9]/.test(metrics);
  }
  expect(shadowing).toBe(true);
  const after = [];
  for (const [i, body] of given.entries()) after.push(pick(await answer(port, body, `after-${i}`)));
  expect(after).toEqual(before);
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  const log = await readPredictionLog({ dir: storeLayout(home).predictions, model: 'churn' });
  for (let i = 0; i < given.length; i += 1) {
    const records = log.records.filter((r) => r.request_id === `after-${i}`);
    expect(records.map((r) => [r.model_version, r.role]).sort()).toEqual([
      [1, 'champion'],
      [v2, 'shadow'],
    ]);
  }
  // The versions differ: the shadow's answers are its own, not copies of production's.
  const shadowAnswers = log.records.filter((r) => r.role === 'shadow' && r.request_id.startsWith('after-'));
  const championAnswers = new Map(
    log.records.filter((r) => r.role === 'champion').map((r) => [r.request_id, r.probability]),
  );
  expect(shadowAnswers.some((r) => r.probability !== championAnswers.get(r.request_id))).toBe(true);
});
