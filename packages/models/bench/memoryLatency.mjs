// How long a load takes when its address depends on the previous one, by working-set size:
// one chain (the latency of one load) and sixteen independent chains (what a lockstep tree
// walk keeps in flight). A single-row walk of a large forest waits on exactly this, so the
// table says where a forest of a given size lands on this machine's caches. Usage:
//   node bench/memoryLatency.mjs
const LINE = 64;
const STEPS = 2_000_000;

/** Nanoseconds per load over `bytes` of lines visited in a random cycle, `chains` cycles interleaved. */
function nsPerLoad(bytes, chains) {
  const lines = bytes / LINE;
  const next = new Int32Array((lines * LINE) / 4);
  const order = Int32Array.from({ length: lines }, (_, i) => i);
  let seed = 12_345;
  for (let i = lines - 1; i > 0; i -= 1) {
    seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
    const j = seed % (i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const stride = LINE / 4;
  for (let i = 0; i < lines; i += 1) next[order[i] * stride] = order[(i + 1) % lines] * stride;
  const at = Int32Array.from({ length: chains }, (_, c) => order[Math.floor((c * lines) / chains)] * stride);
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round += 1) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < STEPS / chains; i += 1) for (let c = 0; c < chains; c += 1) at[c] = next[at[c]];
    best = Math.min(best, Number(process.hrtime.bigint() - started) / STEPS);
  }
  return best;
}

console.log('| working set MB | ns per load, 1 chain | ns per load, 16 chains |');
console.log('| ---: | ---: | ---: |');
for (const mb of [0.5, 1, 2, 4, 8, 16, 32, 64, 256])
  console.log(
    `| ${mb} | ${nsPerLoad(mb * 2 ** 20, 1).toFixed(1)} | ${nsPerLoad(mb * 2 ** 20, 16).toFixed(1)} |`,
  );
