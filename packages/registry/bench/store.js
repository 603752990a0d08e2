// The two stores side by side: `pnpm bench:store` (builds the registry first). The
// filesystem store, the PostgreSQL server (MLOPS_BENCH_DATABASE_URL, default
// postgres://postgres@127.0.0.1:5432/test: a scratch database is created on it and
// dropped) and PGlite where it is cheap. Prints a Markdown table; asserts nothing.
//   node bench/store.js [--versions 1000] [--runs 100000] [--fs-runs 10000] [--rows 200000]
const { mkdtempSync, rmSync } = require('node:fs');
const { cpus, tmpdir } = require('node:os');
const { join } = require('node:path');
const { PGlite } = require('@electric-sql/pglite');
const { trainedVersion } = require('@mlops/testkit');
const r = require('../dist/index.js');
// Internal: the two batch statements, measured against each other below.
const rows = require('../dist/postgres/predictionLogRows.js');

const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
};
const VERSIONS = arg('versions', 1_000);
const RUNS = arg('runs', 100_000);
const FS_RUNS = arg('fs-runs', 10_000);
const ROWS = arg('rows', 200_000);
const BATCH = 10_000; // rows per flush: one second of a busy API
const ADMIN_URL = process.env.MLOPS_BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x < 10 ? x.toFixed(1) : x.toFixed(0)} ms`;
const perSecond = (n, millis) => `${Math.round((n * 1000) / millis).toLocaleString('en-US')}/s`;

async function timeIt(fn, times = 7) {
  await fn(); // warm-up, not counted
  const samples = [];
  for (let k = 0; k < times; k += 1) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return median(samples);
}

/** Registers `VERSIONS` versions of one model one after another; the best of three runs of 100 gives the rate too. */
async function registerVersions(registry, version) {
  const t = performance.now();
  for (let i = 0; i < VERSIONS; i += 1) await registry.registerVersion('churn', version);
  return performance.now() - t;
}

const PARAMS = [
  'model',
  'max_depth',
  'learning_rate',
  'n_estimators',
  'seed',
  'features',
  'sampler',
  'dataset',
];
const METRICS = ['roc_auc', 'f1', 'accuracy', 'log_loss', 'precision', 'recall'];
const MODELS = ['logistic', 'random_forest', 'gradient_boosting'];

/** Runs as PostgresRunStore writes them (8 params, 6 metrics each), made in SQL: the store's own start/end would take minutes. */
async function fillPostgresRuns(db, n) {
  await db.query(
    `INSERT INTO runs (id, experiment, kind, status, start_time, end_time, tags, pid, host)
    SELECT 'run-' || lpad(i::text, 7, '0'), 'exp' || (i % 5), 'train', 'finished',
           now() - (i || ' seconds')::interval, now(), '{"team":"bench"}', 1, 'bench'
    FROM generate_series(1, $1) AS i`,
    [n],
  );
  await db.query(
    `INSERT INTO run_params (run_id, key, num, txt)
    SELECT 'run-' || lpad(i::text, 7, '0'), k,
           CASE WHEN k = 'model' OR k = 'sampler' OR k = 'dataset' THEN NULL ELSE (i % 97)::float8 END,
           CASE k WHEN 'model' THEN (ARRAY['logistic','random_forest','gradient_boosting'])[i % 3 + 1]
                  WHEN 'sampler' THEN 'tpe' WHEN 'dataset' THEN 'churn' ELSE (i % 97)::text END
    FROM generate_series(1, $1) AS i, unnest($2::text[]) AS k`,
    [n, PARAMS],
  );
  await db.query(
    `INSERT INTO run_metrics (run_id, key, value)
    SELECT 'run-' || lpad(i::text, 7, '0'), k, ((i * 7919) % 100000) / 100000.0
    FROM generate_series(1, $1) AS i, unnest($2::text[]) AS k`,
    [n, METRICS],
  );
  await db.query('ANALYZE runs; ANALYZE run_params; ANALYZE run_metrics');
}

async function fillFileRuns(store, n) {
  for (let i = 0; i < n; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, n - i) }, async (_, j) => {
        const k = i + j;
        const params = Object.fromEntries(PARAMS.map((p) => [p, k % 97]));
        params.model = MODELS[k % 3];
        const run = await store.start({
          experiment: `exp${k % 5}`,
          kind: 'train',
          params,
          tags: { team: 'bench' },
        });
        await store.end(run.id, {
          status: 'finished',
          metrics: Object.fromEntries(METRICS.map((m) => [m, ((k * 7919) % 100000) / 100000])),
        });
      }),
    );
  }
}

const listQuery = () => ({
  filters: [r.parseRunFilter('params.model = logistic')],
  sort: r.parseRunSort('metrics.roc_auc desc'),
  limit: 100,
});

function record(i, t0) {
  return {
    timestamp: new Date(t0 + i).toISOString(),
    request_id: `req-${i}`,
    model_name: 'churn',
    model_version: 1 + (i % 2),
    features: {
      tenure_months: i % 72,
      monthly_charges: 20 + (i % 100),
      contract: i % 3 ? 'monthly' : 'yearly',
      region: null,
    },
    prediction: i % 2,
    probability: (i % 1000) / 1000,
    latency_ms: 0.8,
  };
}

/** Milliseconds for `ROWS` appends through a new writer of `open()`, flushed every `BATCH` as the API's timer would: the median of 3. */
async function ingest(open) {
  const samples = [];
  for (let k = 0; k < 3; k += 1) samples.push(await ingestOnce(open()));
  return median(samples);
}

// Made once, before any clock starts: the bench times the writer, not the making of records.
let records;

async function ingestOnce(writer) {
  records ??= Array.from({ length: ROWS }, (_, i) => record(i, Date.UTC(2026, 0, 1)));
  const started = performance.now();
  for (let i = 0; i < ROWS; i += 1) {
    writer.append(records[i]);
    if ((i + 1) % BATCH === 0) await writer.flush();
  }
  await writer.close();
  const millis = performance.now() - started;
  if (writer.stats.written !== ROWS) throw new Error(`ingest stored ${writer.stats.written} of ${ROWS}`);
  return millis;
}

/** One version's window of everything ingested, read once: rows and milliseconds. */
async function readWindow(reader) {
  let rows = 0;
  const started = performance.now();
  await reader.readWindow({ model: 'churn', version: 1 }, { onRecord: () => rows++ });
  return { rows, millis: performance.now() - started };
}

/** p50 and p90 from the start of a move to the watcher's callback for it, over `n` moves. */
async function watchLatency(source, registry, n = 50) {
  let waiting;
  const watcher = r.watchRegistry(source, { onChange: (change) => change.kind === 'model' && waiting?.() });
  await watcher.ready;
  const samples = [];
  for (let i = 0; i < n; i += 1) {
    const heard = new Promise((resolve) => {
      waiting = resolve;
    });
    const t = performance.now();
    await registry.setAlias('churn', 'staging', 1 + (i % 2));
    await heard;
    samples.push(performance.now() - t);
  }
  await watcher.close();
  samples.sort((a, b) => a - b);
  return { p50: samples[Math.floor(n / 2)], p90: samples[Math.floor(n * 0.9)] };
}

async function main() {
  const version = {
    ...trainedVersion({ dataset: 'churn', rows: 1_000, seed: 1 }),
    gate: { passed: true, checks: [] },
  };
  const results = {};
  const scratch = [];

  // Filesystem
  {
    const home = mkdtempSync(join(tmpdir(), 'bench-store-'));
    scratch.push(home);
    const registry = r.openRegistry(home);
    results.fs = { register: await registerVersions(registry, version) };
    const runs = r.openRunStore(home);
    await fillFileRuns(runs, FS_RUNS);
    results.fs.list = await timeIt(() => runs.list(listQuery()));
    const dir = r.storeLayout(home).predictions;
    results.fs.ingest = await ingest(() => new r.PredictionLogWriter({ dir, flushIntervalMs: 0 }));
    results.fs.window = await readWindow(new r.PredictionLogReader(dir));
  }

  // PostgreSQL server
  const name = `mlops_bench_${process.pid}`;
  const admin = new r.PoolDatabase({ connectionString: ADMIN_URL, max: 1 });
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const db = new r.PoolDatabase({ connectionString: url.toString() });
  try {
    const serverVersion = (await db.query('SHOW server_version')).rows[0].server_version;
    await r.migrate(db);
    const registry = new r.ModelRegistry(new r.PostgresRegistryStore(db));
    results.pg = { serverVersion, register: await registerVersions(registry, version) };
    await fillPostgresRuns(db, RUNS);
    const runs = new r.PostgresRunStore(db);
    results.pg.list = await timeIt(() => runs.list(listQuery()));
    const page = await runs.list(listQuery());
    if (page.length !== 100) throw new Error(`the runs page has ${page.length} runs, not 100`);
    results.pg.ingest = await ingest(() => new r.PostgresPredictionLogWriter({ db, flushIntervalMs: 0 }));
    // One flush of BATCH rows as each statement, on a day of its own (truncated between samples).
    const day = Date.UTC(2030, 0, 1);
    const batch = Array.from({ length: BATCH }, (_, i) => record(i, day));
    await db.query('SELECT prediction_log_partition($1::date)', ['2030-01-01']);
    const sample = async (write) =>
      timeIt(async () => {
        await write();
        await db.query('TRUNCATE prediction_log_20300101');
      }, 5);
    results.pg.copy = await sample(() => db.copyFrom(rows.COPY_PREDICTIONS, rows.predictionCopyText(batch)));
    results.pg.insert = await sample(() => db.query(rows.INSERT_PREDICTIONS, [rows.predictionBatch(batch)]));
    results.pg.window = await readWindow(new r.PostgresPredictionLogReader(db));
    results.pg.watch = await watchLatency(url.toString(), registry);
  } finally {
    await db.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.close();
  }

  // PGlite: registration, ingest and the watcher (filling 100,000 runs in WebAssembly is not cheap)
  {
    const lite = new r.PGliteDatabase(await PGlite.create());
    await r.migrate(lite);
    const liteVersion = (await lite.query('SHOW server_version')).rows[0].server_version;
    const registry = new r.ModelRegistry(new r.PostgresRegistryStore(lite));
    results.lite = { serverVersion: liteVersion, register: await registerVersions(registry, version) };
    results.lite.ingest = await ingest(
      () => new r.PostgresPredictionLogWriter({ db: lite, flushIntervalMs: 0 }),
    );
    results.lite.watch = await watchLatency(lite, registry);
    await lite.close();
  }
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });

  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `machine: ${cpus().length} cores, ${cpu}, Node ${process.version}, PostgreSQL ${results.pg.serverVersion} (server), PGlite (PostgreSQL ${results.lite.serverVersion}), ${new Date().toISOString().slice(0, 10)}; shared with other jobs, so expect noise\n`,
  );
  console.log('| operation | filesystem | PostgreSQL server | PGlite | goal |');
  console.log('| --- | ---: | ---: | ---: | --- |');
  console.log(
    `| register ${VERSIONS.toLocaleString('en-US')} versions of one model, one after another | ${(results.fs.register / 1000).toFixed(1)} s (${perSecond(VERSIONS, results.fs.register)}) | ${(results.pg.register / 1000).toFixed(1)} s (${perSecond(VERSIONS, results.pg.register)}) | ${(results.lite.register / 1000).toFixed(1)} s (${perSecond(VERSIONS, results.lite.register)}) | – |`,
  );
  console.log(
    `| runs: \`params.model = logistic\`, sorted by \`metrics.roc_auc desc\`, first 100 (median of 7) | ${ms(results.fs.list)} of ${FS_RUNS.toLocaleString('en-US')} runs | ${ms(results.pg.list)} of ${RUNS.toLocaleString('en-US')} runs | – | < 100 ms on PostgreSQL at 100,000 |`,
  );
  console.log(
    `| prediction-log ingest through the writer, ${ROWS.toLocaleString('en-US')} rows in flushes of ${BATCH.toLocaleString('en-US')} (median of 3) | ${perSecond(ROWS, results.fs.ingest)} | ${perSecond(ROWS, results.pg.ingest)} | ${perSecond(ROWS, results.lite.ingest)} | ≥ 50,000/s into PostgreSQL |`,
  );
  console.log(
    `| one flush of ${BATCH.toLocaleString('en-US')} rows: COPY (the writer's) / multi-row INSERT via jsonb_to_recordset (median of 5) | – | ${ms(results.pg.copy)} / ${ms(results.pg.insert)} | – | – |`,
  );
  console.log(
    `| stream one version's window (\`readWindow\`, half the rows ingested) | ${results.fs.window.rows.toLocaleString('en-US')} rows in ${ms(results.fs.window.millis)} (${perSecond(results.fs.window.rows, results.fs.window.millis)}) | ${results.pg.window.rows.toLocaleString('en-US')} rows in ${ms(results.pg.window.millis)} (${perSecond(results.pg.window.rows, results.pg.window.millis)}) | – | – |`,
  );
  console.log(
    `| alias move to watcher callback (LISTEN/NOTIFY), p50 / p90 of 50 | polling every 1 s (the API's \`watchIntervalMs\`): 500 ms mean, 1,000 ms worst, by construction | ${ms(results.pg.watch.p50)} / ${ms(results.pg.watch.p90)} | ${ms(results.lite.watch.p50)} / ${ms(results.lite.watch.p90)} | p50 < 100 ms |`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
