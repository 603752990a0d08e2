// Drift benchmark: `pnpm bench:drift` (root) or `pnpm --filter @mlops/monitor bench` after a build.
// 1. 1,000,000 reference × 1,000,000 current rows × 10 numeric columns (seeded): the default
//    tests (Wasserstein, large reference) plus KS on every column, time and peak RSS, side by side
//    with SciPy's ks_2samp on the same data (written to a binary file, read by /usr/bin/python3).
// 2. `monitor run` on 1,000,000 logged predictions: time and HTML size.
// Not a test: nothing here is asserted. Prints a Markdown table.
const { execFileSync, spawnSync } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const os = require('node:os');
const { join } = require('node:path');

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const COLUMNS = 10;
const LOG_ROWS = Number(process.env.BENCH_LOG_ROWS ?? 1_000_000);
const dir = mkdtempSync(join(os.tmpdir(), 'drift-bench-'));
const python = '/usr/bin/python3';

function main() {
  const file = join(dir, 'data.f64');
  execFileSync(process.execPath, [join(__dirname, 'makeData.js'), file, String(ROWS), String(COLUMNS)]);
  const node = JSON.parse(run(process.execPath, ['--max-old-space-size=4096', join(__dirname, 'driftNode.js'), file, String(ROWS), String(COLUMNS)]));
  const scipy = JSON.parse(run(python, [join(__dirname, 'drift_scipy.py'), file, String(ROWS), String(COLUMNS)]));
  const report = JSON.parse(run(process.execPath, ['--max-old-space-size=4096', join(__dirname, 'reportNode.js'), join(dir, 'home'), String(LOG_ROWS)]));
  let maxDiff = 0;
  for (let c = 0; c < COLUMNS; c += 1) {
    maxDiff = Math.max(maxDiff, Math.abs(node.ks[c].statistic - scipy.ks[c].statistic));
  }
  const cpu = (os.cpus()[0] || {}).model || 'unknown CPU';
  const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
  const lines = [
    `Machine: ${os.cpus().length} cores (nproc), ${cpu}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
    '',
    `| task (${ROWS.toLocaleString('en')} + ${ROWS.toLocaleString('en')} rows × ${COLUMNS} numeric columns) | @mlops/drift | SciPy 1.10 | ratio (SciPy / ours) |`,
    '| --- | --- | --- | --- |',
    `| KS on every column (sort + statistic + p-value), median of 3 | ${node.ksSeconds.toFixed(2)} s | ${scipy.ksSeconds.toFixed(2)} s | ${(scipy.ksSeconds / node.ksSeconds).toFixed(2)}× |`,
    `| default tests (normalised Wasserstein) + KS on every column, median of 3 | ${node.allSeconds.toFixed(2)} s | ${(scipy.ksSeconds + scipy.wassersteinSeconds).toFixed(2)} s (ks_2samp + wasserstein_distance) | ${((scipy.ksSeconds + scipy.wassersteinSeconds) / node.allSeconds).toFixed(2)}× |`,
    `| peak memory (RSS, whole process incl. data) | ${mb(node.peakRss)} | ${mb(scipy.peakRss)} | |`,
    `| max abs KS statistic difference vs SciPy | ${maxDiff.toExponential(1)} | | |`,
    '',
    `| report for ${LOG_ROWS.toLocaleString('en')} logged predictions | value |`,
    '| --- | --- |',
    `| writing the log (setup, not timed below) | ${report.setupSeconds.toFixed(1)} s |`,
    `| \`monitor run\` (read log, hourly profiles + merge, drift, quality, report) | ${report.seconds.toFixed(2)} s |`,
    `| of which reading the log (readPredictionLog) | ${report.readSeconds.toFixed(2)} s |`,
    `| report.html size | ${(report.htmlBytes / 1024).toFixed(0)} KB |`,
    `| peak memory (RSS) | ${mb(report.peakRss)} |`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function run(cmd, args) {
  const result = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout.trim().split('\n').at(-1);
}

try {
  main();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
