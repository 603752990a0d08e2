// One step of monitorBench.js, in its own process: setup | append | before | now. Prints one JSON line.
const { readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');
const {
  openRegistry,
  PredictionLogReader,
  PredictionLogWriter,
  readPredictionLog,
  storeLayout,
} = require('@mlops/registry');
const { logTraffic, trainedVersion } = require('@mlops/testkit');

const FROM = Date.parse('2026-01-01T00:00:00Z');
const WEEK = 7 * 86_400_000;

async function log(home, from, rows, stepMs) {
  const registry = openRegistry(home);
  const model = await registry.readModelDocument('churn', 1);
  // The model's own predictions of 50,000 generated requests, cycled; age (sensitive)
  // dropped, no customer_id sent (no entity key), as the API logs them.
  const writer = new PredictionLogWriter({ dir: storeLayout(home).predictions });
  await logTraffic(writer, {
    model,
    name: 'churn',
    from: new Date(from),
    stepMs,
    rows,
    distinctRows: 50_000,
    seed: 7,
    entity: false,
    flushEvery: 50_000,
  });
  await writer.close();
}

function logBytes(home) {
  const dir = join(storeLayout(home).predictions, 'churn');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
}

async function main() {
  const [mode, home, a, b] = process.argv.slice(2);
  const start = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - start) / 1e9;
  let out;
  if (mode === 'setup') {
    const rows = Number(a);
    // churn v1 trained on 5,000 rows and registered as `mlops train` does (@mlops/testkit).
    const registry = openRegistry(home);
    await registry.registerVersion('churn', trainedVersion({ dataset: 'churn', rows: 5_000, seed: 1 }));
    await registry.promote('churn', 1);
    await log(home, FROM, rows, WEEK / rows);
    out = { seconds: seconds(), logBytes: logBytes(home) };
  } else if (mode === 'append') {
    const [rows, more] = [Number(a), Number(b)];
    await log(home, FROM + WEEK, more, WEEK / rows);
    out = { seconds: seconds(), logBytes: logBytes(home) };
  } else if (mode === 'before') {
    // The in-memory path: every record held, then profiled, checked and aggregated.
    const { featureDrift } = require('../dist/check/featureDrift');
    const { checkDataQuality } = require('../dist/check/dataQuality');
    const { outputReferences } = require('../dist/check/predictionDrift');
    const { readVersionFields } = require('../dist/check/versionFields');
    const { aggregateLog } = require('../dist/report/aggregateLog');
    const registry = openRegistry(home);
    const fields = await readVersionFields(registry, 'churn', 1);
    const logged = await readPredictionLog({ dir: storeLayout(home).predictions, model: 'churn' });
    const records = logged.records.filter((record) => record.model_version === 1);
    featureDrift(records, fields, { outputs: outputReferences(fields.profile) });
    checkDataQuality(records, fields.features, fields.profile);
    aggregateLog(records);
    out = { seconds: seconds(), predictions: records.length, bytesRead: logBytes(home) };
  } else {
    const { runCheck } = require('../dist/runCheck');
    const reader = new PredictionLogReader(storeLayout(home).predictions);
    const check = await runCheck({ home, model: 'churn', reader });
    out = { seconds: seconds(), predictions: check.predictions, bytesRead: reader.bytesRead };
  }
  out.maxRssKb = process.resourceUsage().maxRSS;
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
