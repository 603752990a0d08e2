// Where one API process spends its CPU under load: `node --cpu-prof dist/main.js`
// under wrk -t1 -c16 on POST /predict, then the profile's samples grouped by layer.
// Usage: pnpm --filter @mlops/api bench:profile   (after a build)
// Env: BENCH_SECONDS (default 15), PROFILE_KEEP=1 keeps the .cpuprofile (path printed).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promoteChurn, startApi, stop } from './servers.mjs';
import { runWrk } from './wrk.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const home = mkdtempSync(join(tmpdir(), 'mlops-api-profile-'));
const profiles = join(home, 'profiles');
const { kind, body } = await promoteChurn(home);

const api = await startApi(home, 1, { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profiles}`] });
const url = `http://127.0.0.1:${api.port}/predict`;
await runWrk({ url, body, dir: home, threads: 1, connections: 16, seconds: 2 });
const loadStart = performance.now();
const load = await runWrk({ url, body, dir: home, threads: 1, connections: 16, seconds: SECONDS });
const loadEnd = performance.now();
await stop(api);
const exited = performance.now();
const file = join(
  profiles,
  readdirSync(profiles).find((f) => f.endsWith('.cpuprofile')),
);
const profile = JSON.parse(readFileSync(file, 'utf8'));

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
const from = profile.endTime - (exited - loadStart) * 1000;
const to = profile.endTime - (exited - loadEnd) * 1000;
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
const out = [
  `Profile: ${kind}, POST /predict under wrk -t1 -c16 for ${SECONDS} s: ${load.rps.toFixed(0)} req/s, p99 ${load.p99.toFixed(2)} ms; ${inWindow} samples over ${seconds.toFixed(1)} s, ${((busy / inWindow) * 100).toFixed(0)} % busy`,
  '',
  '| layer | share of busy CPU | µs per request |',
  '| --- | ---: | ---: |',
];
const perRequest = (share) =>
  ((share * (busy / profile.samples.length) * seconds * 1e6) / load.requests).toFixed(1);
for (const [name, n] of [...counts].sort((a, b) => b[1] - a[1]))
  out.push(`| ${name} | ${((n / busy) * 100).toFixed(1)} % | ${perRequest(n / busy)} |`);
process.stdout.write(`${out.join('\n')}\n`);
if (process.env.PROFILE_KEEP) process.stderr.write(`profile kept: ${file}\n`);
else rmSync(home, { recursive: true, force: true });
