// Where one API process spends its CPU under load: `node --cpu-prof dist/main.js`
// under wrk -t1 -c16 on POST /predict, then the profile's samples grouped by layer.
// Usage: pnpm --filter @mlops/api bench:profile   (after a build)
// Env: BENCH_SECONDS (default 15), PROFILE_KEEP=1 keeps the .cpuprofile (path printed).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promoteChurn, startApi, startBare, stop } from './servers.mjs';
import { runWrk } from './wrk.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const home = mkdtempSync(join(tmpdir(), 'mlops-api-profile-'));
const { kind, body } = await promoteChurn(home);
const nodeArgs = (dir) => ['--cpu-prof', `--cpu-prof-dir=${dir}`];

/** Runs one server under the profiler and wrk; returns its measured window's samples by layer. */
async function profileServer(name, start, path) {
  const dir = join(home, `profiles-${name}`);
  const server = await start(nodeArgs(dir));
  const url = `http://127.0.0.1:${server.port}${path}`;
  await runWrk({ url, body, dir: home, threads: 1, connections: 16, seconds: 2 });
  const loadStart = performance.now();
  const load = await runWrk({ url, body, dir: home, threads: 1, connections: 16, seconds: SECONDS });
  const loadEnd = performance.now();
  await stop(server);
  const exited = performance.now();
  const file = join(
    dir,
    readdirSync(dir).find((f) => f.endsWith('.cpuprofile')),
  );
  if (process.env.PROFILE_KEEP) process.stderr.write(`profile kept: ${file}\n`);
  return {
    load,
    ...layerSamples(JSON.parse(readFileSync(file, 'utf8')), exited - loadStart, exited - loadEnd),
  };
}

// Layers by the script a frame runs in. A "weak" frame (Node internals, natives such
// as JSON.parse) is counted for the nearest caller in a named layer: a stream write
// made by winston is winston's, a socket write made by res.end is Node HTTP's.
const layers = [
  ['Node HTTP (parser, req/res, socket writes)', /^node:_http_|node:internal\/http/],
  [
    'Express (router, req/res helpers)',
    /\/node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?(express|router|finalhandler|send|content-type|type-is|mime-types|accepts|negotiator|qs|parseurl|path-to-regexp|depd|on-finished|statuses|media-typer|encodeurl|escape-html|etag|fresh|range-parser|cookie|proxy-addr|forwarded|ipaddr\.js|vary|utils-merge|debug|ms|methods|merge-descriptors|safe-buffer|http-errors|setprototypeof|inherits|toidentifier|content-disposition|mime|raw-body|iconv-lite|bytes|unpipe|body-parser)\//,
  ],
  ['tsoa runtime', /@tsoa\/runtime|\/generated\/routes\.js/],
  [
    'access log (winston, @mlops/logger)',
    /packages\/logger\/dist|winston|logform|triple-beam|readable-stream|safe-stable-stringify|fecha|@colors|colors|one-time|fn\.name|kuler|text-hex|color|simple-swizzle|is-arrayish|stack-trace|async\/|@dabh|enabled/,
  ],
  ['JSON body (read, scan, parse)', /\/http\/(readJsonBody|JsonLimitScanner)\.js/],
  ['helmet', /helmet/],
  ['prom-client', /prom-client|tdigest|bintrees/],
  ['model predict (@mlops/models)', /packages\/models\/dist/],
  ['prediction log (record, writer)', /packages\/registry\/dist|\/predictions\/loggedFields\.js/],
  ['validation (validateInstance)', /\/predictions\/validateInstance\.js/],
  ['API code (telemetry, service, controller)', /apps\/api\/dist/],
];
/**
 * Samples of the measured wrk run by layer (not start-up, warm-up or shutdown): the profile
 * ends when the process exits, `sinceStartMs`/`sinceEndMs` after the run started/ended.
 */
function layerSamples(profile, sinceStartMs, sinceEndMs) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const layerOf = new Map();
  const strong = (n) => {
    const url = n.callFrame.url;
    if (!url) return undefined;
    return layers.find(([, re]) => re.test(url))?.[0];
  };
  function layer(id) {
    const cached = layerOf.get(id);
    if (cached) return cached;
    const n = nodes.get(id);
    const name = n.callFrame.functionName;
    let result;
    if (name === '(garbage collector)') result = 'GC';
    else if (name === '(idle)') result = 'idle';
    else if (name === '(program)') result = 'V8 / native (unattributed)';
    else {
      for (let at = id; at !== undefined && !result; at = parent.get(at)) result = strong(nodes.get(at));
      result ??= 'Node other (timers, streams, events)';
    }
    layerOf.set(id, result);
    return result;
  }
  // Only the samples of the measured wrk run (not start-up, warm-up or shutdown): the
  // profile ends when the process exits, which the bench saw `exited - loadEnd` ms after wrk.
  const from = profile.endTime - sinceStartMs * 1000;
  const to = profile.endTime - sinceEndMs * 1000;
  const counts = new Map();
  let at = profile.startTime;
  let inWindow = 0;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i];
    if (at < from || at > to) return;
    inWindow += 1;
    counts.set(layer(id), (counts.get(layer(id)) ?? 0) + 1);
  });
  const idle = counts.get('idle') ?? 0;
  counts.delete('idle');
  const busy = inWindow - idle;
  const seconds = (to - from) / 1e6;
  return { counts, busy, inWindow, seconds };
}

// The bare route on the API's own server construction (the same Node HTTP objects), so the
// extra column is what the API's layers add; PROFILE_BARE=listen profiles it on app.listen.
const bareOnListen = process.env.PROFILE_BARE === 'listen';
const bare = await profileServer('bare', (args) => startBare(args, { appHttp: !bareOnListen }), '/echo');
const api = await profileServer('api', (args) => startApi(home, 1, { nodeArgs: args }), '/predict');
// CPU µs per request of a layer: its samples × the mean sampling interval ÷ requests served.
const perRequest = (run, n) => ((n / run.inWindow) * run.seconds * 1e6) / run.load.requests;
const busyUs = (run) => perRequest(run, run.busy);
const describe = (label, run) =>
  `${label} ${run.load.rps.toFixed(0)} req/s, p99 ${run.load.p99.toFixed(2)} ms, ${((run.busy / run.inWindow) * 100).toFixed(0)} % busy`;
const names = [...new Set([...api.counts.keys(), ...bare.counts.keys()])].sort(
  (a, b) => (api.counts.get(b) ?? 0) - (api.counts.get(a) ?? 0),
);
const out = [
  `Profile: ${kind}, wrk -t1 -c16 for ${SECONDS} s each, bare route (${bareOnListen ? 'app.listen' : "on the API's server construction"}) then POST /predict; ${describe('bare:', bare)}; ${describe('/predict:', api)}`,
  '',
  '| layer | /predict share of busy CPU | /predict µs per request | bare route µs per request | extra µs |',
  '| --- | ---: | ---: | ---: | ---: |',
];
for (const name of names) {
  const a = api.counts.get(name) ?? 0;
  const b = bare.counts.get(name) ?? 0;
  out.push(
    `| ${name} | ${((a / api.busy) * 100).toFixed(1)} % | ${perRequest(api, a).toFixed(1)} | ${perRequest(bare, b).toFixed(1)} | ${(perRequest(api, a) - perRequest(bare, b)).toFixed(1)} |`,
  );
}
out.push(
  `| **busy CPU in all** | | **${busyUs(api).toFixed(1)}** | **${busyUs(bare).toFixed(1)}** | **${(busyUs(api) - busyUs(bare)).toFixed(1)}** (bare ÷ /predict ${(busyUs(bare) / busyUs(api)).toFixed(2)}) |`,
);
process.stdout.write(`${out.join('\n')}\n`);
if (!process.env.PROFILE_KEEP) rmSync(home, { recursive: true, force: true });
