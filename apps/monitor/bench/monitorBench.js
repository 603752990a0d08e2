// Monitor benchmark: `pnpm bench:monitor` (root) or `pnpm --filter @mlops/monitor bench:monitor` after a build.
// On a log of N logged predictions of churn v1 (BENCH_LOG_ROWS, 1,000,000 by default, over 7 days):
//   before — the log read in one pass into memory (readPredictionLog) and checked there
//            (in-memory hourly profiles, quality, aggregates: the path `monitor run` took before streaming);
//   now    — `monitor run` (runCheck) streaming segments into folds, first run (no cache yet);
//   tick   — the same after BENCH_APPEND_ROWS (10,000) more predictions, as a `--watch` tick (cache on disk).
// Each in its own process, so peak RSS (process.resourceUsage().maxRSS) is that step's alone.
// Not a test: nothing is asserted. Prints a Markdown table.
const { spawnSync } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const os = require('node:os');
const { join } = require('node:path');

const ROWS = Number(process.env.BENCH_LOG_ROWS ?? 1_000_000);
const APPEND = Number(process.env.BENCH_APPEND_ROWS ?? 10_000);

function step(mode, home, ...args) {
  const result = spawnSync(
    process.execPath,
    ['--max-old-space-size=8192', join(__dirname, 'monitorStep.js'), mode, home, ...args.map(String)],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 2 ** 20,
    },
  );
  if (result.status !== 0) throw new Error(`monitorStep ${mode} failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1));
}

function main() {
  const home = mkdtempSync(join(os.tmpdir(), 'monitor-bench-'));
  try {
    const setup = step('setup', home, ROWS);
    const before = step('before', home);
    const now = step('now', home);
    step('append', home, ROWS, APPEND);
    const tick = step('now', home);
    const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;
    const cpu = os.cpus()[0]?.model || 'unknown CPU';
    const lines = [
      `Machine: ${os.cpus().length} cores (nproc), ${cpu}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
      '',
      `| \`monitor run\` over ${ROWS.toLocaleString('en')} logged predictions (${(setup.logBytes / 2 ** 20).toFixed(0)} MB of log) | wall time | peak RSS | log bytes read |`,
      '| --- | --- | --- | --- |',
      `| before: one-pass read into memory, checked there (no report written) | ${before.seconds.toFixed(2)} s | ${mb(before.maxRssKb)} | ${(before.bytesRead / 2 ** 20).toFixed(0)} MB |`,
      `| now: \`monitor run\`, streamed folds, first run (builds the cache; report written) | ${now.seconds.toFixed(2)} s | ${mb(now.maxRssKb)} | ${(now.bytesRead / 2 ** 20).toFixed(0)} MB |`,
      `| now: a \`--watch\` tick after ${APPEND.toLocaleString('en')} more predictions | ${tick.seconds.toFixed(2)} s | ${mb(tick.maxRssKb)} | ${(tick.bytesRead / 2 ** 20).toFixed(2)} MB |`,
      '',
      `Predictions checked: before ${before.predictions}, now ${now.predictions}, tick ${tick.predictions}; writing the log (setup, not timed above) ${setup.seconds.toFixed(1)} s.`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

main();
