// Latency of `/predict?explain=true` against `/predict` on one API process (issue #19's goals:
// ≤ 1 ms per row for 100-round boosting, ≤ 10 ms per row for a 100-tree fully grown forest).
// Usage: pnpm --filter @mlops/api bench:explain (after a build; `pnpm bench:api:explain` does both).
// Trains both churn models on 10,000 rows (seed 42) as `mlops train` does, registers and promotes
// them in a temp MLOPS_HOME, starts `node dist/main.js` (one process, rate limit off), then sends
// BENCH_REQUESTS (300) single requests per route, one at a time over one keep-alive connection,
// the four routes of a model interleaved request by request (so load on the shared machine falls
// on all alike), each body a different training row, after 30 warm-up rounds; and 20 batches of
// 100 rows with and without explain. Reports medians of the client round trip and of the
// server's own `latency_ms`. Prints a Markdown table; never asserted.
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { churnSchema, generateChurn } from '@mlops/features';
import { openRegistry } from '@mlops/registry';
import { registerTrained, requestExample } from '@mlops/testkit';
import { median, startApi, stop } from './servers.mjs';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const BATCHES = 20;
const BATCH_ROWS = 100;
const home = mkdtempSync(join(tmpdir(), 'mlops-explain-bench-'));
const t0 = performance.now();
const log = (message) =>
  process.stderr.write(`[${((performance.now() - t0) / 1000).toFixed(0)} s] ${message}\n`);

const models = [
  ['churn_boosting', 'gradient_boosting', { max_iter: 100, early_stopping: 0 }, 1],
  ['churn_forest', 'random_forest', { n_estimators: 100 }, 10],
];
const registry = openRegistry(home);
for (const [name, model, params] of models) {
  log(`training ${model} on 10,000 churn rows`);
  const version = await registerTrained(registry, name, { rows: 10_000, seed: 42, model, params });
  await registry.promote(name, version);
}
const table = generateChurn(10_000, 42);
const body = (i) => JSON.stringify(requestExample(churnSchema, table.row(i % table.numRows)));
const batchBody = (i) =>
  JSON.stringify({
    instances: Array.from({ length: BATCH_ROWS }, (_, r) =>
      requestExample(churnSchema, table.row((i * BATCH_ROWS + r) % table.numRows)),
    ),
  });

const agent = new Agent({ keepAlive: true, maxSockets: 1 });
function post(port, path, text) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(
      {
        port,
        host: '127.0.0.1',
        path,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json' },
      },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => {
          const ms = performance.now() - started;
          if (res.statusCode !== 200)
            reject(new Error(`${path}: ${res.statusCode} ${Buffer.concat(chunks).toString()}`));
          else resolve({ ms, server: JSON.parse(Buffer.concat(chunks).toString()).latency_ms });
        });
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

log('starting the API (one process)');
const api = await startApi(home, 1);
const rows = [];
try {
  for (const [name, model, , goal] of models) {
    const single = { plain: [], explain: [] };
    const singleServer = { plain: [], explain: [] };
    for (let i = 0; i < 30; i += 1) {
      await post(api.port, `/models/${name}/predict`, body(i));
      await post(api.port, `/models/${name}/predict?explain=true`, body(i));
    }
    for (let i = 0; i < REQUESTS; i += 1) {
      const text = body(100 + i);
      // Alternate which goes first, so neither always follows the other.
      for (const side of i % 2 === 0 ? ['plain', 'explain'] : ['explain', 'plain']) {
        const r = await post(
          api.port,
          `/models/${name}/predict${side === 'explain' ? '?explain=true' : ''}`,
          text,
        );
        single[side].push(r.ms);
        singleServer[side].push(r.server);
      }
    }
    const batch = { plain: [], explain: [] };
    for (let i = 0; i < BATCHES + 3; i += 1) {
      const text = batchBody(i);
      for (const side of ['plain', 'explain']) {
        const r = await post(
          api.port,
          `/models/${name}/predict/batch${side === 'explain' ? '?explain=true' : ''}`,
          text,
        );
        if (i >= 3) batch[side].push(r.server / BATCH_ROWS);
      }
    }
    const m = (xs) => median(xs);
    rows.push(
      `| ${model} | ${m(single.plain).toFixed(3)} | ${m(single.explain).toFixed(3)} | ${m(singleServer.plain).toFixed(3)} | ${m(singleServer.explain).toFixed(3)} | ${(m(singleServer.explain) - m(singleServer.plain)).toFixed(3)} | ${m(batch.plain).toFixed(3)} | ${m(batch.explain).toFixed(3)} | ${goal} |`,
    );
    log(`${name} done`);
  }
} finally {
  await stop(api);
  agent.destroy();
  rmSync(home, { recursive: true, force: true });
}

console.log(
  [
    `${cpus()[0].model} (${cpus().length} cores), node ${process.version}, load ${loadavg()[0].toFixed(2)} at the end; churn, 10,000 training rows, seed 42; ${REQUESTS} requests per route, one at a time`,
    '',
    '| model | /predict round trip ms | ?explain=true round trip ms | /predict server ms | ?explain=true server ms | explanation ms/row (server, difference) | batch of 100: ms/row | batch of 100 with explain: ms/row | goal ms/row |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    'All medians. Round trip: the client’s time from sending the request to the end of the answer (loopback, keep-alive). Server: the answer’s `latency_ms` (validation, prediction, explanation, logging).',
  ].join('\n'),
);
