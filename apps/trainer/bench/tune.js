// How much `mlops tune` (TPE + median pruning, gradient boosting) improves on the default
// parameters, on the project's housing and churn sets: `pnpm bench:tune [trials]`.
// Prints a Markdown table; asserts nothing.
const { execFileSync } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { cpus, tmpdir } = require('node:os');
const { join } = require('node:path');

const main = join(__dirname, '..', 'dist', 'main.js');
const trials = process.argv[2] ?? '30';
const home = mkdtempSync(join(tmpdir(), 'bench-tune-'));
const env = { ...process.env, MLOPS_HOME: home, INIT_CWD: home, LOG_LEVEL: 'error' };
const rows = [];
for (const dataset of ['housing', 'churn']) {
  execFileSync(process.execPath, [main, 'generate', dataset, '--out', `${dataset}.arrow`], { env });
  const started = performance.now();
  const out = execFileSync(
    process.execPath,
    [main, 'tune', '--data', `${dataset}.arrow`, '--model', 'gradient_boosting', '--trials', trials, '--json'],
    { env },
  );
  const seconds = (performance.now() - started) / 1000;
  const r = JSON.parse(out.toString().trim().split('\n').at(-1));
  rows.push(
    `| ${dataset} | ${r.metric} | ${r.trials} (${r.pruned} pruned) | ${r.default_test.toFixed(4)} | ${r.tuned_test.toFixed(4)} | ${r.improvement >= 0 ? '+' : ''}${r.improvement.toFixed(4)} | ${seconds.toFixed(1)} s |`,
  );
}
rmSync(home, { recursive: true, force: true });
console.log(`machine: ${cpus().length} cores, ${cpus()[0]?.model ?? ''}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}\n`);
console.log('| dataset | metric (test split) | trials | default params | tuned | improvement | wall time |');
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
for (const row of rows) console.log(row);
