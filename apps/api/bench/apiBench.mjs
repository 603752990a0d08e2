// Benchmark of the model server against a bare Express route, in one run on loopback:
// one process first, then cluster mode, then batch, /health under refused bodies and memory.
// Usage: pnpm --filter @mlops/api bench   (after a build; `pnpm bench:api` does both)
// Env: BENCH_SECONDS (default 10) per wrk run, BENCH_PAIRS (default 3) interleaved
// bare//predict pairs, BENCH_QUICK=1 stops after the throughput tables, BENCH_MEMORY_REQUESTS=500000
// continues the memory check to that many requests.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { postJson } from '@mlops/testkit';
import { median, promoteChurn, rssMiB, startApi, startBare, stop } from './servers.mjs';
import { runWrk } from './wrk.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PAIRS = Number(process.env.BENCH_PAIRS ?? 3);
const QUICK = Boolean(process.env.BENCH_QUICK);
const THREADS = 1;
const CONNECTIONS = 16;
const home = mkdtempSync(join(tmpdir(), 'mlops-api-bench-'));
const t0 = performance.now();
const log = (message) =>
  process.stderr.write(`[${((performance.now() - t0) / 1000).toFixed(0)} s] ${message}\n`);

log('training the churn model on 10,000 rows');
const { forest, row, body } = await promoteChurn(home);
const load = [loadavg()[0]];

const wrk = (server, path, extra = {}) =>
  runWrk({
    url: `http://127.0.0.1:${server.port}${path}`,
    body,
    dir: home,
    seconds: SECONDS,
    threads: THREADS,
    connections: CONNECTIONS,
    ...extra,
  });
const warm = (server, path) => wrk(server, path, { seconds: 2 });

/**
 * Interleaved rounds at full load (wrk -t1 -c16): bare then /predict, /predict then bare,
 * … so that whatever else the shared machine does falls on both sides alike. With
 * `served` (the bare route on the API's own server construction), each round runs the
 * three in a rotated order.
 */
async function pairs(bare, api, served) {
  const out = [];
  const sides = served ? ['bare', 'api', 'served'] : ['bare', 'api'];
  const run = (side) =>
    side === 'api' ? wrk(api, '/predict') : wrk(side === 'bare' ? bare : served, '/echo');
  for (let i = 0; i < PAIRS; i += 1) {
    const pair = {};
    const order = served
      ? [...sides.slice(i % 3), ...sides.slice(0, i % 3)]
      : i % 2 === 0
        ? sides
        : [...sides].reverse();
    for (const side of order) pair[side] = await run(side);
    pair.order = order;
    pair.ratio = pair.api.rps / pair.bare.rps;
    if (served) pair.servedRatio = pair.api.rps / pair.served.rps;
    out.push(pair);
    log(
      `round ${i + 1}: bare ${pair.bare.rps.toFixed(0)}, /predict ${pair.api.rps.toFixed(0)}${served ? `, bare on the API's server ${pair.served.rps.toFixed(0)}` : ''} req/s`,
    );
  }
  return {
    pairs: out,
    bare: median(out.map((p) => p.bare.rps)),
    api: median(out.map((p) => p.api.rps)),
    ratio: median(out.map((p) => p.ratio)),
    ...(served && {
      served: median(out.map((p) => p.served.rps)),
      servedRatio: median(out.map((p) => p.servedRatio)),
    }),
  };
}

/** wrk at about `target` req/s: each of c connections pauses 5 ms between requests. */
async function atRate(server, path, target) {
  const delayMs = 5;
  let connections = Math.max(THREADS, Math.round((target * delayMs) / 1000));
  let result = await wrk(server, path, { connections, delayMs });
  // Latency adds to the pause: correct the connection count once, from the rate reached.
  connections = Math.max(THREADS, Math.round((connections * target) / result.rps));
  result = await wrk(server, path, { connections, delayMs });
  return { ...result, connections, target };
}

log('one process: bare route and /predict, interleaved');
const bare = await startBare();
const served = await startBare([], { appHttp: true });
const api = await startApi(home, 1);
const apiIdle = rssMiB(api.pid);
await warm(bare, '/echo');
await warm(served, '/echo');
await warm(api, '/predict');
const single = await pairs(bare, api, served);
await stop(served);
const target = single.bare / 2;
log(`half of the bare route's load: ${target.toFixed(0)} req/s`);
const bareHalf = await atRate(bare, '/echo', target);
const apiHalf = await atRate(api, '/predict', target);
load.push(loadavg()[0]);

let batch;
let healthRows;
if (!QUICK) {
  batch = await batchTimes(api);
  healthRows = await healthUnderRefusedBodies(api);
}
await stop(api);

log('cluster mode (WEB_CONCURRENCY=2): bare route and /predict, interleaved');
const clustered = await startApi(home, 2);
await warm(clustered, '/predict');
const cluster = await pairs(bare, clustered);
const clusterHalf = await atRate(clustered, '/predict', target);
const clusterRss = rssMiB(clustered.pid);
await stop(clustered);
await stop(bare);
load.push(loadavg()[0]);

let memory;
if (!QUICK) memory = await memoryGrowth();
rmSync(home, { recursive: true, force: true });

// --- the other measurements ------------------------------------------------------------------

/** A 1,000-row batch: server time is the handler's own latency_ms; round trip adds JSON both ways. */
async function batchTimes(server) {
  log('1,000-row batches');
  const batchBody = JSON.stringify({ instances: Array.from({ length: 1000 }, (_, i) => row(i)) });
  const times = { server: [], roundTrip: [] };
  for (let i = 0; i < 40; i += 1) {
    const started = performance.now();
    const res = await fetch(`http://127.0.0.1:${server.port}/predict/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: batchBody,
    });
    const json = await res.json();
    if (res.status !== 200) throw new Error(`batch failed: ${res.status} ${JSON.stringify(json)}`);
    if (i >= 5) {
      times.roundTrip.push(performance.now() - started);
      times.server.push(json.latency_ms);
    }
  }
  return { server: median(times.server), roundTrip: median(times.roundTrip) };
}

/**
 * /health as a probe sees it (4 connections, 10 ms pause each: ~400 req/s), at rest and
 * while another process sends batch bodies the server refuses, back to back.
 */
async function healthUnderRefusedBodies(server) {
  log('/health at rest, then while refused bodies arrive');
  const probe = () =>
    runWrk({
      url: `http://127.0.0.1:${server.port}/health`,
      dir: home,
      seconds: SECONDS,
      threads: 1,
      connections: 4,
      delayMs: 10,
    });
  const rows = [{ name: '/health at rest', ...(await probe()) }];
  for (const [sent, name] of [
    [
      'over-limit',
      '/health while 21 MB batch bodies (over MLOPS_BATCH_BODY_LIMIT=20mb) are refused, 4 connections',
    ],
    ['unknown-keys', '/health while 14.5 MB batch bodies with 1.2 M unknown keys are refused, 4 connections'],
  ]) {
    const sender = await startSender(server.port, sent);
    const during = await probe();
    const result = await stopSender(sender);
    rows.push({ name, ...during, refused: result.statuses, senderErrors: result.errors });
  }
  return rows;
}
function startSender(port, what) {
  const child = spawn(process.execPath, [join(here, 'refusedBodies.mjs'), String(port), what, '4'], {
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

/** RSS of a fresh process after exactly 10,000 and 100,000 predictions (wrk counts by time, not requests). */
async function memoryGrowth() {
  log('memory: RSS after 10,000 and after 100,000 requests (fresh process)');
  const fresh = await startApi(home, 1);
  const start = rssMiB(fresh.pid);
  const sendExactly = async (count) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    let left = count;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (; left > 0; left -= 1) {
          const status = await postJson({ port: fresh.port, body, agent });
          if (status !== 200) throw new Error(`status ${status}`);
        }
      }),
    );
    agent.destroy();
  };
  await sendExactly(10_000);
  const after10k = rssMiB(fresh.pid);
  await sendExactly(90_000);
  const after100k = rssMiB(fresh.pid);
  // BENCH_MEMORY_REQUESTS=500000: keep going, RSS at every further 100,000 (does it level off?).
  const later = [];
  for (let sent = 200_000; sent <= Number(process.env.BENCH_MEMORY_REQUESTS ?? 0); sent += 100_000) {
    await sendExactly(100_000);
    later.push({ sent, rss: rssMiB(fresh.pid) });
  }
  await stop(fresh);
  return { start, after10k, after100k, later };
}

// --- report -----------------------------------------------------------------------------------
const f = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
const pct = (x) => `${f(x * 100, 1)} %`;
const out = [];
out.push(
  `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, ${new Date().toISOString().slice(0, 10)}, load average ${load.map((l) => l.toFixed(1)).join(' → ')}; wrk -t${THREADS} -c${CONNECTIONS}, ${SECONDS} s per run, loopback`,
);
out.push(
  `Model: churn, ${forest ? '100-tree random_forest' : 'logistic (random_forest is not in @mlops/models yet)'}; prediction log on, access log on (LOG_LEVEL=info, every line), rate limit off`,
);
const sideName = { bare: 'bare', api: '/predict', served: "bare on the API's server" };
const pairTable = (title, result) => {
  const three = result.served !== undefined;
  out.push('');
  out.push(
    `| ${title} | bare req/s | /predict req/s | ratio | ${three ? "bare on the API's server req/s | ratio to it | " : ''}bare p99 ms | /predict p99 ms | /predict non-2xx |`,
  );
  out.push(`| --- | ---: | ---: | ---: | ${three ? '---: | ---: | ' : ''}---: | ---: | ---: |`);
  for (const [i, p] of result.pairs.entries())
    out.push(
      `| ${three ? 'round' : 'pair'} ${i + 1} (${p.order.map((side) => sideName[side]).join(', ')}) | ${f(p.bare.rps, 0)} | ${f(p.api.rps, 0)} | ${f(p.ratio)} | ${three ? `${f(p.served.rps, 0)} | ${f(p.servedRatio)} | ` : ''}${f(p.bare.p99)} | ${f(p.api.p99)} | ${p.api.non2xx} |`,
    );
  out.push(
    `| **median of ${result.pairs.length}** | **${f(result.bare, 0)}** | **${f(result.api, 0)}** | **${f(result.ratio)}** | ${three ? `**${f(result.served, 0)}** | **${f(result.servedRatio)}** | ` : ''}| | |`,
  );
};
pairTable('one process', single);
out.push('');
out.push(
  `| at half the bare route's median load (${f(target, 0)} req/s asked) | connections × 5 ms pause | req/s reached | p50 ms | p99 ms | non-2xx |`,
);
out.push('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const [name, r] of [
  ['bare route', bareHalf],
  ['/predict, one process', apiHalf],
  ['/predict, WEB_CONCURRENCY=2', clusterHalf],
])
  out.push(`| ${name} | ${r.connections} | ${f(r.rps, 0)} | ${f(r.p50)} | ${f(r.p99)} | ${r.non2xx} |`);
pairTable('cluster mode (WEB_CONCURRENCY=2) vs one bare process', cluster);

out.push('');
out.push('| target | measured | met |');
out.push('| --- | --- | --- |');
const met = (ok) => (ok ? 'yes' : 'no');
out.push(
  `| /predict ≥ 0.8× the bare route, one process (median ratio of ${PAIRS} pairs) | ${f(single.ratio)}× | ${met(single.ratio >= 0.8)} |`,
);
out.push(
  `| p99 < 25 ms at half the bare route's load, one process (${f(apiHalf.rps, 0)} req/s reached) | ${f(apiHalf.p99)} ms | ${met(apiHalf.p99 < 25)} |`,
);
out.push(
  `| (reference, no target) /predict against the bare route on the API's own server construction | ${f(single.servedRatio)}× | – |`,
);
out.push(
  `| cluster mode (WEB_CONCURRENCY=2) vs one bare process | ${f(cluster.ratio)}× | ${met(cluster.ratio >= 0.8)} |`,
);
out.push(
  `| p99 < 25 ms at half the bare route's load, WEB_CONCURRENCY=2 (${f(clusterHalf.rps, 0)} req/s reached) | ${f(clusterHalf.p99)} ms | ${met(clusterHalf.p99 < 25)} |`,
);
if (batch)
  out.push(
    `| 1,000-row batch < 20 ms server time (median of 35) | ${f(batch.server)} ms server, ${f(batch.roundTrip)} ms round trip | ${met(batch.server < 20)} |`,
  );
if (memory) {
  const growth = (memory.after100k - memory.after10k) / memory.after10k;
  out.push(
    `| RSS after 100,000 requests within 10 % of after 10,000 | ${f(memory.after10k, 1)} → ${f(memory.after100k, 1)} MiB (${pct(growth)}; idle ${f(memory.start, 1)}, first process idle ${f(apiIdle, 1)}, cluster ${f(clusterRss, 1)})${memory.later.map((m) => `; ${m.sent.toLocaleString('en-US')}: ${f(m.rss, 1)}`).join('')} | ${met(Math.abs(growth) <= 0.1)} |`,
  );
}
if (healthRows) {
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
}
process.stdout.write(`${out.join('\n')}\n`);
