// README screenshots: `pnpm docs:screenshots` (root) or `pnpm --filter @mlops/monitor docs:screenshots` after a build.
// Builds a throwaway MLOPS_HOME with the project's seeded generators (@mlops/testkit, as the Chromium tests do),
// starts the built `monitor serve` as a child process on a free port, and saves a 1280×800 PNG of each main view
// into docs/screenshots/ at the repo root. Kept out of `pnpm test` so a test run never changes tracked files.
const { spawn, spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const {
  hashSensitiveValue,
  openRegistry,
  openRunStore,
  PredictionLogWriter,
  storeLayout,
} = require('@mlops/registry');
const { logTraffic, registerTrained, trainedVersion } = require('@mlops/testkit');

const CHROMIUM = '/usr/bin/chromium';
const MAIN = resolve(__dirname, '../dist/main.js');
const OUT = resolve(__dirname, '../../../docs/screenshots');
const VIEWPORT = { width: 1280, height: 800 };

/** Registers a kit-trained version with its gate evaluated against production, as `mlops train` does. */
async function registerGated(registry, name, options) {
  const trained = trainedVersion(options);
  const { task } = trained.model;
  const gate = await registry.checkGate(name, {
    task,
    metrics: trained.metrics,
    baselineMetrics: trained.baselineMetrics,
    testRows: trained.testRows,
  });
  return (await registry.registerVersion(name, { ...trained, gate })).version;
}

/** churn v1 → v2 (production, with logged traffic) → v3 archived; fraud v1 with a gate of its own. */
async function makeModels(home) {
  const registry = openRegistry(home);
  await registry.promote(
    'churn',
    await registerTrained(registry, 'churn', { dataset: 'churn', rows: 3_000, seed: 1 }),
  );
  const v2 = await registerGated(registry, 'churn', { dataset: 'churn', rows: 3_000, seed: 2 });
  await registry.promote('churn', v2, { force: true, reason: 'v2 retrained on January data' });
  const v3 = await registerGated(registry, 'churn', { dataset: 'churn', rows: 3_000, seed: 3 });
  await registry.archive('churn', v3, { reason: 'superseded before release' });
  await registerTrained(registry, 'fraud', { dataset: 'fraud', rows: 2_000, seed: 1 });
  await registry.setGate('fraud', 'roc_auc > 0.6', { reason: 'fraud needs its own floor' });
  const [model, profile] = await Promise.all([
    registry.readModelDocument('churn', v2),
    registry.readProfile('churn', v2),
  ]);
  const writer = new PredictionLogWriter({ dir: storeLayout(home).predictions });
  await logTraffic(writer, {
    model,
    name: 'churn',
    version: v2,
    profile,
    from: new Date('2026-01-01T00:00:00Z'),
    rows: 1_500,
    stepMs: 60_000,
    shift: { tenure_months: 6 },
    hash: (value) => hashSensitiveValue('docs-screenshots-salt', value),
  });
  await writer.close();
}

/** Runs as the trainer records them: two churn trainings, a tuning study with three trials (one pruned), a failed fraud training. */
async function makeRuns(home) {
  const runs = openRunStore(home);
  // Relative, so the screenshots do not show this machine's temporary folder.
  const data = 'datasets/churn.arrow';
  const train = async (params, metrics) =>
    runs.end(
      (await runs.start({ experiment: 'churn', kind: 'train', params: { seed: 1, data, ...params } })).id,
      {
        status: 'finished',
        metrics,
      },
    );
  const logistic = await train({ model: 'logistic' }, { roc_auc: 0.71, f1: 0.52, fit_seconds: 0.5 });
  const tree = await train({ model: 'tree' }, { roc_auc: 0.83, f1: 0.61, fit_seconds: 0.9 });
  const study = await runs.start({
    experiment: 'churn',
    kind: 'tune',
    params: { model: 'forest', trials: 3, metric: 'roc_auc', seed: 7, data },
  });
  for (const [maxDepth, score, status] of [
    [2, 0.75, 'finished'],
    [4, 0.8, 'finished'],
    [8, 0.6, 'pruned'],
  ]) {
    const trial = await runs.start({
      experiment: 'churn',
      kind: 'trial',
      parentId: study.id,
      params: { model: 'forest', max_depth: maxDepth },
    });
    await runs.logMetrics(trial.id, { score });
    await runs.end(
      trial.id,
      status === 'pruned'
        ? { status, error: 'pruned at round 3' }
        : { status, metrics: { roc_auc: score, score } },
    );
  }
  await runs.end(study.id, { status: 'finished', metrics: { roc_auc: 0.8, best_max_depth: 4 } });
  const fraud = await runs.start({
    experiment: 'fraud',
    kind: 'train',
    params: { model: 'boosting', seed: 1 },
  });
  await runs.end(fraud.id, {
    status: 'failed',
    error: 'label column is_fraud has one class in the training split',
  });
  return { logistic, tree, study };
}

/** Starts `monitor serve --port 0` on `home` and resolves with its base URL once it logs the address it listens on. */
function serve(home) {
  const child = spawn(process.execPath, [MAIN, 'serve', '--port', '0', '--model', 'churn'], {
    env: { PATH: process.env.PATH, MLOPS_HOME: home, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const base = new Promise((done, fail) => {
    const look = (chunk) => {
      output += chunk;
      const match = /dashboard on (http:\/\/[^/\s]+)\//.exec(output);
      if (match) done(match[1]);
    };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
    child.on('exit', (code) =>
      fail(new Error(`monitor serve exited with ${code} before listening: ${output.trim()}`)),
    );
  });
  return { child, base };
}

/** Saves the page as `name.png`, written under a temporary name and renamed so a half-written file never shows. */
async function shoot(page, name) {
  const temp = join(OUT, `.${name}.png.tmp`);
  await page.screenshot({ path: temp, type: 'png' });
  renameSync(temp, join(OUT, `${name}.png`));
  console.log(`docs/screenshots/${name}.png`);
}

async function main() {
  if (!existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM}: install it with apt-get install chromium`);
  if (!existsSync(MAIN)) throw new Error(`no ${MAIN}: run pnpm build first`);
  const { chromium } = require('playwright-core');
  const home = mkdtempSync(join(tmpdir(), 'mlops-docs-screenshots-'));
  let server;
  let browser;
  try {
    await makeModels(home);
    const { logistic, tree, study } = await makeRuns(home);
    // The drift report the model page and the dashboard show, written as a scheduled `monitor run` writes it.
    const run = spawnSync(process.execPath, [MAIN, 'run', '--since', '2026-01-01T00:00:00Z'], {
      env: { PATH: process.env.PATH, MLOPS_HOME: home, LOG_LEVEL: 'error' },
      encoding: 'utf8',
    });
    // Exit codes 0-2 are stable, watch and retrain: a report was written either way.
    if (run.status === null || run.status > 2)
      throw new Error(`monitor run failed (${run.status}): ${run.stderr.trim()}`);
    server = serve(home);
    const base = await server.base;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const page = await browser.newPage({ viewport: VIEWPORT });
    mkdirSync(OUT, { recursive: true });
    const views = [
      ['dashboard', '/'],
      ['models', '/ui/models'],
      ['model', '/ui/models/churn'],
      ['runs', '/ui/runs'],
      ['run', `/ui/runs/${study.id}`],
      ['compare', `/ui/compare?runs=${logistic.id},${tree.id}`],
    ];
    for (const [name, path] of views) {
      await page.goto(`${base}${path}`);
      await page.waitForSelector('body[data-loaded]');
      await page.waitForLoadState('networkidle');
      // ECharts animates its first draw (about 1 s); a screenshot mid-animation shows half-drawn charts.
      if (name === 'dashboard') await page.waitForTimeout(1_500);
      await shoot(page, name);
    }
  } finally {
    await browser?.close();
    server?.child.kill('SIGTERM');
    rmSync(home, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`docs:screenshots: ${error.message}`);
  process.exit(1);
});
