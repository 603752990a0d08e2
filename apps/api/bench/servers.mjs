// What the API benches share: a registry holding the churn model, and the server processes.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { churnSchema, generateChurn } from '@mlops/features';
import { estimatorCatalog } from '@mlops/models';
import { openRegistry } from '@mlops/registry';
import { registerTrained, requestExample } from '@mlops/testkit';

const here = dirname(fileURLToPath(import.meta.url));
// BENCH_MAIN: another build's dist/main.js (e.g. main's, to profile before and after).
const MAIN = process.env.BENCH_MAIN ?? join(here, '..', 'dist', 'main.js');

/**
 * Trains the churn model (a 100-tree forest when @mlops/models has one, else logistic)
 * on 10,000 rows as `mlops train` does, registers and promotes it under `home`; returns
 * the model kind and request bodies made of the training rows.
 */
export async function promoteChurn(home) {
  const forest = Boolean(estimatorCatalog.random_forest);
  const kind = forest ? 'random_forest' : 'logistic';
  const registry = openRegistry(home);
  // customer_id is a sensitive id column: the server needs MLOPS_HASH_SALT to serve it.
  const version = await registerTrained(registry, 'churn', {
    rows: 10_000,
    seed: 42,
    model: kind,
    params: forest ? { n_estimators: 100 } : {},
  });
  await registry.promote('churn', version);
  const table = generateChurn(10_000, 42);
  const row = (i) => requestExample(churnSchema, table.row(i));
  return { kind, forest, row, body: JSON.stringify(row(0)) };
}

function spawnServer(args, env, portFrom) {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let text = '';
    let started = false;
    // Keeps reading (and dropping) the server's logs after start, as a log collector would.
    const onData = (chunk) => {
      if (started) return;
      text += chunk.toString();
      const port = portFrom(text);
      if (port) {
        started = true;
        child.removeAllListeners('exit');
        resolve({ child, port, pid: child.pid });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${text}`)));
  });
}

/**
 * The reference: `bareServer.mjs`, express.json() and res.json() of a small object, on
 * `app.listen`; with `{ appHttp: true }` on the API's own server construction instead.
 */
export const startBare = (nodeArgs = [], { appHttp = false } = {}) =>
  spawnServer([...nodeArgs, join(here, 'bareServer.mjs')], appHttp ? { BARE_SERVER: 'app-http' } : {}, (t) =>
    Number(/^(\d+)\n/.exec(t)?.[1]),
  );

/** `node [nodeArgs] dist/main.js` with `workers` processes, access log on, rate limit off. */
export function startApi(home, workers, { nodeArgs = [], env = {} } = {}) {
  return spawnServer(
    [...nodeArgs, MAIN],
    {
      MLOPS_HOME: home,
      MLOPS_HASH_SALT: 'bench-salt',
      PORT: '0',
      MLOPS_RATE_LIMIT: '0', // rate limiting off in the benchmark, as the issue asks
      LOG_LEVEL: 'info',
      WEB_CONCURRENCY: String(workers),
      ...env,
    },
    (t) => {
      const ports = [...t.matchAll(/listening on http:\/\/localhost:(\d+)/g)];
      return ports.length >= workers ? Number(ports[0][1]) : undefined;
    },
  );
}

/** SIGTERM, resolves with the exit code. */
export async function stop(server) {
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  return exited;
}

/** Resident set size in MiB of a process and its children (cluster workers). */
export function rssMiB(pid) {
  const own = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  let children = 0;
  try {
    for (const child of readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean))
      children += rssMiB(Number(child)) * 1024;
  } catch {}
  return (own + children) / 1024;
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
