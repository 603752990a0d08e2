// Times `monitor run` on a log of N predictions (1M by default) spread over 7 days.
const { statSync } = require('node:fs');
const { openRegistry, PredictionLogWriter, readPredictionLog, storeLayout } = require('@mlops/registry');
const { logTraffic, trainedVersion } = require('@mlops/testkit');
const { runCheck } = require('../dist/runCheck');

async function main() {
  const [home, rowsText] = process.argv.slice(2);
  const rows = Number(rowsText);
  let peakRss = 0;
  const timer = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
  const setupStart = Date.now();
  // churn v1 trained on 5,000 rows and registered as `mlops train` does (@mlops/testkit).
  const version = trainedVersion({ dataset: 'churn', rows: 5_000, seed: 1 });
  const registry = openRegistry(home);
  await registry.registerVersion('churn', version);
  await registry.promote('churn', 1);
  // The model's own predictions of 50,000 generated requests, cycled, over 7 days; age
  // (sensitive) dropped, no customer_id sent (no entity key), as the API logs them.
  const writer = new PredictionLogWriter({ dir: storeLayout(home).predictions });
  await logTraffic(writer, {
    model: version.model,
    name: 'churn',
    from: new Date('2026-01-01T00:00:00Z'),
    stepMs: (7 * 86_400_000) / rows,
    rows,
    distinctRows: 50_000,
    seed: 7,
    entity: false,
    flushEvery: 50_000,
  });
  await writer.close();
  const setupSeconds = (Date.now() - setupStart) / 1000;
  const readStart = process.hrtime.bigint();
  await readPredictionLog({ dir: storeLayout(home).predictions, model: 'churn' });
  const readSeconds = Number(process.hrtime.bigint() - readStart) / 1e9;
  const runStart = process.hrtime.bigint();
  const check = await runCheck({ home, model: 'churn' });
  const seconds = Number(process.hrtime.bigint() - runStart) / 1e9;
  clearInterval(timer);
  process.stdout.write(
    `${JSON.stringify({ setupSeconds, readSeconds, seconds, htmlBytes: statSync(check.html_path).size, peakRss, predictions: check.predictions })}\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
