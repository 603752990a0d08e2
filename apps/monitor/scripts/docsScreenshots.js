// README screenshots: `pnpm docs:screenshots` (root) or `pnpm --filter @mlops/monitor docs:screenshots` after a build.
// Builds a throwaway MLOPS_HOME with the project's seeded generators (@mlops/testkit, as the Chromium tests do),
// starts the built `monitor serve` as a child process on a free port, and saves a 1280×800 PNG of each main view
// into docs/screenshots/ at the repo root. Kept out of `pnpm test` so a test run never changes tracked files.
const { spawn, spawnSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const {
  hashSensitiveValue,
  openRegistry,
  openRunStore,
  PredictionLogWriter,
  storeLayout,
} = require('@mlops/registry');
const { getDatasetGenerator } = require('@mlops/features');
const { logTraffic, registerTrained, trainedVersion } = require('@mlops/testkit');

const CHROMIUM = '/usr/bin/chromium';
const MAIN = resolve(__dirname, '../dist/main.js');
const API_MAIN = resolve(__dirname, '../../api/dist/main.js');
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
  // Two halves of 750 minutes, the second shifted further: two scheduled checks, the second with labels.
  const halves = [
    { from: new Date('2026-01-01T00:00:00Z'), seed: 7, shift: { tenure_months: 3 } },
    { from: new Date('2026-01-01T12:30:00Z'), seed: 9, shift: { tenure_months: 8, monthly_charges: 20 } },
  ];
  for (const [i, half] of halves.entries()) {
    const writer = new PredictionLogWriter({ dir: storeLayout(home).predictions });
    await logTraffic(writer, {
      model,
      name: 'churn',
      version: v2,
      profile,
      from: half.from,
      rows: 750,
      stepMs: 60_000,
      seed: half.seed,
      shift: half.shift,
      hash: (value) => hashSensitiveValue('docs-screenshots-salt', value),
    });
    await writer.close();
    const args = ['run', '--window', '12h'];
    if (i === 1) {
      const churn = getDatasetGenerator('churn').generate(750, half.seed);
      const lines = ['request_id,churn'];
      for (let r = 0; r < 750; r += 1) lines.push(`r-${half.from.getTime()}-${r},${churn.cell('churn', r)}`);
      writeFileSync(join(home, 'labels.csv'), lines.join('\n'));
      args.push('--labels', join(home, 'labels.csv'));
    }
    monitorRun(home, args);
  }
}

/** A scheduled `monitor run` on `home` (exit codes 0-2 are stable, watch and retrain: a report was written either way). */
function monitorRun(home, args) {
  const run = spawnSync(process.execPath, [MAIN, ...args], {
    env: { PATH: process.env.PATH, MLOPS_HOME: home, LOG_LEVEL: 'error' },
    encoding: 'utf8',
  });
  if (run.status === null || run.status > 2)
    throw new Error(`monitor ${args.join(' ')} failed (${run.status}): ${run.stderr.trim()}`);
}

/**
 * A real API replica for the monitoring view's replicas table: the built apps/api on its own
 * throwaway home (churn v1), answering a few predictions and one refused request.
 */
async function startReplica(apiHome) {
  const registry = openRegistry(apiHome);
  await registry.promote(
    'churn',
    await registerTrained(registry, 'churn', { dataset: 'churn', rows: 3_000, seed: 1 }),
  );
  const child = spawn(process.execPath, [API_MAIN], {
    env: {
      PATH: process.env.PATH,
      MLOPS_HOME: apiHome,
      PORT: '0',
      MLOPS_MODEL: 'churn',
      MLOPS_HASH_SALT: 'docs-screenshots-salt',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await listening(child, /listening on (http:\/\/[^\s"]+)/);
  const base = url.replace(/\/$/, '').replace('localhost', '127.0.0.1');
  const row = {
    tenure_months: 3,
    monthly_charges: 69.75,
    num_complaints: 4,
    usage_hours: 6.37,
    support_calls: 7,
    age: 54,
    contract: 'month-to-month',
    payment_method: 'electronic-check',
    internet_service: 'dsl',
  };
  const post = (body) =>
    fetch(`${base}/predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  for (let i = 0; i < 5; i += 1) await post(row);
  await post({ tenure_months: 'three' });
  return { child, base };
}

/** Resolves with the first match of `pattern` in the child's output; rejects if it exits first. */
function listening(child, pattern) {
  let output = '';
  return new Promise((done, fail) => {
    const look = (chunk) => {
      output += chunk;
      const match = pattern.exec(output);
      if (match) done(match[1]);
    };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
    child.on('exit', (code) =>
      fail(new Error(`${child.spawnfile} exited with ${code} before listening: ${output.trim()}`)),
    );
  });
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
function serve(home, apiUrls, env = {}) {
  const child = spawn(process.execPath, [MAIN, 'serve', '--port', '0', '--model', 'churn'], {
    env: { PATH: process.env.PATH, MLOPS_HOME: home, LOG_LEVEL: 'info', MLOPS_API_URLS: apiUrls, ...env },
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
  if (!existsSync(API_MAIN)) throw new Error(`no ${API_MAIN}: run pnpm build first`);
  const { chromium } = require('playwright-core');
  const home = mkdtempSync(join(tmpdir(), 'mlops-docs-screenshots-'));
  const apiHome = mkdtempSync(join(tmpdir(), 'mlops-docs-screenshots-api-'));
  let replica;
  let server;
  let keyed;
  let browser;
  try {
    await makeModels(home);
    const { logistic, tree, study } = await makeRuns(home);
    replica = await startReplica(apiHome);
    // The second replica is down (nothing listens on port 9 of this machine): shown so, not an error page.
    server = serve(home, `${replica.base},http://127.0.0.1:9`);
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
      ['monitoring', '/ui/models/churn/monitoring?range=all'],
      [
        'monitoring-feature',
        '/ui/models/churn/monitoring?range=all&feature=tenure_months',
        '#feature-detail',
      ],
      ['monitoring-serving', '/ui/models/churn/monitoring?range=all', '#serving'],
      ['monitoring-replicas', '/ui/models/churn/monitoring?range=all', '#serving-positive-rate'],
      // A custom range over the change between the two halves: its inputs, then latency over time.
      [
        'monitoring-custom-range',
        '/ui/models/churn/monitoring?from=2026-01-01T10:00:00Z&to=2026-01-01T15:00:00Z',
        '#pickers',
      ],
      [
        'monitoring-latency',
        '/ui/models/churn/monitoring?from=2026-01-01T10:00:00Z&to=2026-01-01T15:00:00Z',
        '#serving-latency',
      ],
      // Production's global importance, drawn with the model page.
      ['model-importance', '/ui/models/churn', '#importance-2'],
    ];
    for (const [name, path, scrollTo] of views) {
      await page.goto(`${base}${path}`);
      await page.waitForSelector('body[data-loaded]');
      await page.waitForLoadState('networkidle');
      // A section further down the same page: scrolled to the top of the view.
      if (scrollTo) await page.locator(scrollTo).evaluate((element) => element.scrollIntoView());
      // ECharts animates its first draw (about 1 s); a screenshot mid-animation shows half-drawn charts.
      if (name === 'dashboard') await page.waitForTimeout(1_500);
      await shoot(page, name);
    }
    // Last (it changes churn's gate and audit trail): a promotion the gate refuses, behind the admin
    // key, and the Force promote it offers, on a second server started with a throwaway key.
    await openRegistry(home).setGate('churn', 'roc_auc > 0.99', { reason: 'a bar no version reaches' });
    const key = randomBytes(16).toString('hex');
    keyed = serve(home, '', { MLOPS_API_KEY: key });
    const keyedBase = await keyed.base;
    await page.goto(`${keyedBase}/ui/models/churn`);
    await page.fill('input[name="key"]', key);
    await page.click('button[type="submit"]');
    await page.waitForSelector('body[data-view="model"]');
    const before = await page.getAttribute('body', 'data-loaded');
    await page.click('#versions button.promote[data-version="1"]');
    await page.waitForSelector(`body:not([data-loaded="${before}"]) #force-promote`);
    await page.fill('#force-reason', 'v2 leaks memory: back to v1 while it is fixed');
    await page.locator('#model-actions').evaluate((element) => element.scrollIntoView());
    await shoot(page, 'model-force-promote');
  } finally {
    await browser?.close();
    keyed?.child.kill('SIGTERM');
    server?.child.kill('SIGTERM');
    replica?.child.kill('SIGTERM');
    rmSync(home, { recursive: true, force: true });
    rmSync(apiHome, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`docs:screenshots: ${error.message}`);
  process.exit(1);
});
