// Benchmark of the model server against a bare Express route, in one run on loopback.
// Usage: pnpm --filter @mlops/api bench   (after a build; `pnpm bench:api` does both)
// Env: BENCH_SECONDS (default 10) per wrk run.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { churnSchema, generateChurn } from '@mlops/features';
import { estimatorCatalog } from '@mlops/models';
import { openRegistry } from '@mlops/registry';
import { registerTrained, requestExample } from '@mlops/testkit';
import { runWrk } from './wrk.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const MAIN = join(here, '..', 'dist', 'main.js');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const home = mkdtempSync(join(tmpdir(), 'mlops-api-bench-'));
const t0 = performance.now();
const log = (message) =>
  process.stderr.write(`[${((performance.now() - t0) / 1000).toFixed(0)} s] ${message}\n`);

// --- the model: a 100-tree forest when @mlops/models has one, else logistic -------------
const forest = Boolean(estimatorCatalog.random_forest);
const kind = forest ? 'random_forest' : 'logistic';
const params = forest ? { n_estimators: 100 } : {};
log(`training ${kind} on 10,000 churn rows`);
const registry = openRegistry(home);
// Trained and registered as `mlops train` does (@mlops/testkit): customer_id is a sensitive id column.
const version = await registerTrained(registry, 'churn', { rows: 10_000, seed: 42, model: kind, params });
await registry.promote('churn', version);

// Request bodies: the features of the training rows (the kit generates the same rows from the seed).
const table = generateChurn(10_000, 42);
const row = (i) => requestExample(churnSchema, table.row(i));
const body = JSON.stringify(row(0));

// --- processes ----------------------------------------------------------------------------
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
        resolve({ child, port, pid: child.pid });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${text}`)));
  });
}
const startBare = () =>
  spawnServer([join(here, 'bareServer.mjs')], {}, (t) => Number(/^(\d+)\n/.exec(t)?.[1]));
const startApi = (workers) => {
  let seen = 0;
  return spawnServer(
    [MAIN],
    {
      MLOPS_HOME: home,
      MLOPS_HASH_SALT: 'bench-salt', // the model's customer_id is sensitive: no salt, no model
      PORT: '0',
      MLOPS_RATE_LIMIT: '0', // rate limiting off in the benchmark, as the issue asks
      LOG_LEVEL: 'info',
      WEB_CONCURRENCY: String(workers),
    },
    (t) => {
      const ports = [...t.matchAll(/listening on http:\/\/localhost:(\d+)/g)];
      seen = ports.length;
      return seen >= workers ? Number(ports[0][1]) : undefined;
    },
  );
};
async function stop(server) {
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
}
/** Resident set size in MiB of a process and its children (cluster workers). */
function rssMiB(pid) {
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

const wrk = (port, path, payload, extra = {}) =>
  runWrk({ url: `http://127.0.0.1:${port}${path}`, body: payload, dir: home, seconds: SECONDS, ...extra });
const warm = (port, path, payload) => wrk(port, path, payload, { seconds: 2 });

/** Runs wrk at about `target` req/s: each of c connections pauses 5 ms between requests. */
async function atRate(port, path, payload, target) {
  const delayMs = 5;
  let connections = Math.max(1, Math.round((target * delayMs) / 1000));
  let result = await wrk(port, path, payload, { connections, delayMs });
  // Latency adds to the pause: correct the connection count once, from the rate reached.
  connections = Math.max(1, Math.round((connections * target) / result.rps));
  result = await wrk(port, path, payload, { connections, delayMs });
  return { ...result, connections };
}

/**
 * Sends exactly `count` predictions over 16 keep-alive connections (wrk counts by
 * time, not by requests, and its per-thread stop still waits out the duration).
 */
async function sendExactly(port, payload, count) {
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  let left = count;
  const one = () =>
    new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          port,
          host: '127.0.0.1',
          method: 'POST',
          path: '/predict',
          agent,
          headers: { 'content-type': 'application/json' },
        },
        (res) => {
          res.resume();
          res.on('end', () =>
            res.statusCode === 200 ? resolve() : reject(new Error(`status ${res.statusCode}`)),
          );
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (left > 0) {
        left -= 1;
        await one();
      }
    }),
  );
  agent.destroy();
}

// --- runs -----------------------------------------------------------------------------------
const rows = [];
const add = (name, r, rssBefore, rssAfter) => rows.push({ name, ...r, rssBefore, rssAfter });

log('bare express route');
const bare = await startBare();
await warm(bare.port, '/echo', body);
let before = rssMiB(bare.pid);
const bareMax = await wrk(bare.port, '/echo', body);
add('bare Express route, max (wrk -t2 -c32)', bareMax, before, rssMiB(bare.pid));
const target = bareMax.rps / 2;
before = rssMiB(bare.pid);
const bareHalf = await atRate(bare.port, '/echo', body, target);
add(
  `bare Express route at ~50 % load (${bareHalf.connections} conns × 5 ms pause)`,
  bareHalf,
  before,
  rssMiB(bare.pid),
);
await stop(bare);

log('/predict, one process');
const api = await startApi(1);
const idle = rssMiB(api.pid);
await warm(api.port, '/predict', body);
before = rssMiB(api.pid);
const predictMax = await wrk(api.port, '/predict', body);
add(`/predict ${kind}, max (wrk -t2 -c32)`, predictMax, before, rssMiB(api.pid));
before = rssMiB(api.pid);
const predictHalf = await atRate(api.port, '/predict', body, target);
add(
  `/predict ${kind} at the bare route's 50 % (${predictHalf.connections} conns × 5 ms pause)`,
  predictHalf,
  before,
  rssMiB(api.pid),
);

// A 1,000-row batch: server time is the handler's own latency_ms; round trip adds JSON both ways.
const batchBody = JSON.stringify({ instances: Array.from({ length: 1000 }, (_, i) => row(i)) });
const server = [];
const roundTrip = [];
for (let i = 0; i < 40; i += 1) {
  const t0 = performance.now();
  const res = await fetch(`http://127.0.0.1:${api.port}/predict/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: batchBody,
  });
  const json = await res.json();
  if (res.status !== 200) throw new Error(`batch failed: ${res.status} ${JSON.stringify(json)}`);
  if (i >= 5) {
    roundTrip.push(performance.now() - t0);
    server.push(json.latency_ms);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// /health as a probe sees it (4 connections, 10 ms pause each: ~400 req/s), at rest and
// while another process sends batch bodies the server refuses, back to back.
const probeHealth = () => wrk(api.port, '/health', undefined, { threads: 1, connections: 4, delayMs: 10 });
function startSender(port, kind) {
  const child = spawn(process.execPath, [join(here, 'refusedBodies.mjs'), String(port), kind, '4'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let text = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      text += chunk.toString();
      if (/^ready/m.test(text)) resolve({ child, output: () => text });
    });
    child.once('exit', (code) => reject(new Error(`sender exited (${code}): ${text}`)));
  });
}
async function stopSender(sender) {
  sender.child.removeAllListeners('exit');
  const exited = new Promise((resolve) => sender.child.once('exit', resolve));
  sender.child.kill('SIGTERM');
  await exited;
  return JSON.parse(sender.output().trim().split('\n').at(-1));
}
log('/health at rest, then while refused bodies arrive');
const healthRows = [{ name: '/health at rest', ...(await probeHealth()) }];
for (const [kind, name] of [
  [
    'over-limit',
    '/health while 21 MB batch bodies (over MLOPS_BATCH_BODY_LIMIT=20mb) are refused, 4 connections',
  ],
  ['unknown-keys', '/health while 14.5 MB batch bodies with 1.2 M unknown keys are refused, 4 connections'],
]) {
  const sender = await startSender(api.port, kind);
  const during = await probeHealth();
  const sent = await stopSender(sender);
  healthRows.push({ name, ...during, refused: sent.statuses, senderErrors: sent.errors });
}
log('stopping');
await stop(api);
log('stopped');

log('memory: RSS after 10,000 and after 100,000 requests (fresh process)');
const fresh = await startApi(1);
const rssStart = rssMiB(fresh.pid);
await sendExactly(fresh.port, body, 10_000);
const rss10k = rssMiB(fresh.pid);
await sendExactly(fresh.port, body, 90_000);
const rss100k = rssMiB(fresh.pid);
await stop(fresh);

log('/predict, cluster mode (WEB_CONCURRENCY=2)');
const clustered = await startApi(2);
await warm(clustered.port, '/predict', body);
before = rssMiB(clustered.pid);
const clusterMax = await wrk(clustered.port, '/predict', body);
add(`/predict ${kind}, WEB_CONCURRENCY=2, max`, clusterMax, before, rssMiB(clustered.pid));
before = rssMiB(clustered.pid);
const clusterHalf = await atRate(clustered.port, '/predict', body, target);
add(
  `/predict ${kind}, WEB_CONCURRENCY=2, at the bare route's 50 % (${clusterHalf.connections} conns × 5 ms pause)`,
  clusterHalf,
  before,
  rssMiB(clustered.pid),
);
await stop(clustered);
rmSync(home, { recursive: true, force: true });

// --- report -----------------------------------------------------------------------------------
const f = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
const cpu = cpus()[0]?.model ?? 'unknown';
const out = [];
out.push(
  `Machine: ${cpus().length} cores (${cpu}), Node ${process.version}, ${new Date().toISOString().slice(0, 10)}, wrk ${SECONDS} s per run, loopback`,
);
out.push(
  `Model: churn, ${forest ? '100-tree random_forest' : 'logistic (random_forest is not in @mlops/models yet)'}; prediction log on, access log on (LOG_LEVEL=info), rate limit off`,
);
out.push('');
out.push('| run | req/s | p50 ms | p99 ms | non-2xx | RSS before MiB | RSS after MiB |');
out.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows)
  out.push(
    `| ${r.name} | ${f(r.rps, 0)} | ${f(r.p50)} | ${f(r.p99)} | ${r.non2xx} | ${f(r.rssBefore, 1)} | ${f(r.rssAfter, 1)} |`,
  );
out.push('');
out.push(
  '| /health (wrk -t1 -c4, 10 ms pause per connection) | req/s | p50 ms | p99 ms | non-2xx | bodies refused meanwhile |',
);
out.push('| --- | ---: | ---: | ---: | ---: | --- |');
for (const r of healthRows) {
  const refused = r.refused
    ? `${Object.entries(r.refused)
        .map(([status, count]) => `${count} × ${status}`)
        .join(', ')}${r.senderErrors ? `, ${r.senderErrors} connection errors` : ''}`
    : '–';
  out.push(`| ${r.name} | ${f(r.rps, 0)} | ${f(r.p50)} | ${f(r.p99)} | ${r.non2xx} | ${refused} |`);
}
out.push('');
const ratio = predictMax.rps / bareMax.rps;
const clusterRatio = clusterMax.rps / bareMax.rps;
const growth = (rss100k - rss10k) / rss10k;
out.push('| target | measured | met |');
out.push('| --- | --- | --- |');
out.push(
  `| /predict ≥ 80 % of bare throughput (one process) | ${f(ratio * 100, 1)} % | ${ratio >= 0.8 ? 'yes' : 'no'} |`,
);
out.push(
  `| /predict ≥ 80 % of bare throughput (WEB_CONCURRENCY=2 vs one bare process) | ${f(clusterRatio * 100, 1)} % | ${clusterRatio >= 0.8 ? 'yes' : 'no'} |`,
);
out.push(
  `| p99 < 25 ms at the bare route's 50 % load, one process (${f(target, 0)} req/s asked, ${f(predictHalf.rps, 0)} reached) | ${f(predictHalf.p99)} ms | ${predictHalf.p99 < 25 ? 'yes' : 'no'} |`,
);
out.push(
  `| p99 < 25 ms at the bare route's 50 % load, WEB_CONCURRENCY=2 (${f(clusterHalf.rps, 0)} reached) | ${f(clusterHalf.p99)} ms | ${clusterHalf.p99 < 25 ? 'yes' : 'no'} |`,
);
out.push(
  `| 1,000-row batch < 20 ms server time (median of 35) | ${f(median(server))} ms server, ${f(median(roundTrip))} ms round trip | ${median(server) < 20 ? 'yes' : 'no'} |`,
);
out.push(
  `| RSS after 100,000 requests within 10 % of after 10,000 | ${f(rss10k, 1)} → ${f(rss100k, 1)} MiB (${f(growth * 100, 1)} %; idle ${f(rssStart, 1)}, first process idle ${f(idle, 1)}) | ${Math.abs(growth) <= 0.1 ? 'yes' : 'no'} |`,
);
process.stdout.write(`${out.join('\n')}\n`);
