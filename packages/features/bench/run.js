// `pnpm bench` (root: `pnpm bench:features`): 1,000,000 × 10 CSV → validated Arrow
// file + baseline profile. Generates the seeded CSV in a temp folder, runs the
// product path and the NumPy reference each in child processes (so peak RSS is the
// run's own), and prints medians, ratios and the machine as a Markdown table, also
// written to BENCHMARKS.md. Numbers are noisy on a shared machine: read the ratios.
const { execFileSync } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync, statSync } = require('node:fs');
const { cpus, tmpdir } = require('node:os');
const { join } = require('node:path');
const features = require('../dist');

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function runs(command, args) {
  return Array.from({ length: RUNS }, () =>
    JSON.parse(execFileSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 24 }).trim().split('\n').pop()),
  );
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-features-'));
  try {
    const csvPath = join(dir, 'churn-1m.csv');
    // 10 columns: the churn dataset without its identifier (7 numeric, 3 categorical).
    await features.writeCsvFile(csvPath, features.generateChurn(ROWS, 42).drop(['customer_id']));
    const megabytes = statSync(csvPath).size / 2 ** 20;
    const ours = runs(process.execPath, [join(__dirname, 'pipeline.js'), csvPath, dir]);
    const reference = runs('/usr/bin/python3', [join(__dirname, 'reference.py'), csvPath]);

    const stages = ['read CSV', 'quality gate', 'write Arrow', 'profile', 'total'];
    const fmt = (value) => (value === undefined ? 'n/a' : value.toFixed(2));
    const lines = [
      `| stage | @mlops/features (s, median of ${RUNS}) | Python csv + NumPy reference (s) | ratio |`,
      '| --- | ---: | ---: | ---: |',
    ];
    for (const stage of stages) {
      const a = median(ours.map((run) => run.seconds[stage]));
      const refs = reference.map((run) => run.seconds[stage]).filter((value) => value !== undefined);
      const b = refs.length ? median(refs) : undefined;
      lines.push(`| ${stage} | ${fmt(a)} | ${fmt(b)} | ${b === undefined ? 'n/a' : `${(a / b).toFixed(2)}×`} |`);
    }
    const rssOurs = median(ours.map((run) => run.maxRssMiB));
    const rssRef = median(reference.map((run) => run.maxRssMiB));
    lines.push(`| peak RSS (MiB) | ${rssOurs.toFixed(0)} | ${rssRef.toFixed(0)} | ${(rssOurs / rssRef).toFixed(2)}× |`);
    const cpu = (readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/) ?? [])[1] ?? cpus()[0]?.model;
    const machine = `Machine: ${cpus().length} cores (nproc), ${cpu}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}. Input: ${ROWS.toLocaleString('en-US')} rows × 10 columns, ${megabytes.toFixed(1)} MiB CSV (churn, seed 42). Target: total < 5 s, peak RSS < 1 GiB. The reference has no Arrow stage (no pyarrow here) and ignores categories in its checks.`;
    const table = `${lines.join('\n')}\n\n${machine}\n`;
    process.stdout.write(`${table}`);
    await features.writeFileAtomic(
      join(__dirname, '..', 'BENCHMARKS.md'),
      `# @mlops/features benchmark\n\nCSV → quality gate → Arrow file → baseline profile (\`pnpm bench:features\`, see bench/run.js).\n\n${table}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
