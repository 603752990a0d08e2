// Times `monitor run` on a log of N predictions (1M by default) spread over 7 days.
const { statSync } = require('node:fs');
const { churnSchema, featureColumns, generateChurn, profileTable } = require('@mlops/features');
const { trainModel } = require('@mlops/models');
const { openRegistry, PredictionLogWriter, readPredictionLog, storeLayout } = require('@mlops/registry');
const { runCheck } = require('../dist/runCheck');

async function main() {
  const [home, rowsText] = process.argv.slice(2);
  const rows = Number(rowsText);
  let peakRss = 0;
  const timer = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
  const setupStart = Date.now();
  const table = generateChurn(5_000, 1);
  const features = featureColumns(churnSchema);
  const result = trainModel({ table, target: 'churn', task: 'binary', model: 'logistic', features, seed: 1 });
  const registry = openRegistry(home);
  await registry.registerVersion('churn', {
    model: result.pipeline.toJSON(),
    features,
    profile: profileTable(table, { target: 'churn', exclude: ['customer_id'] }),
    metrics: result.metrics,
    baselineMetrics: result.baselineMetrics,
    params: {},
    dataHash: 'bench',
    dataRows: table.numRows,
    seed: 1,
    gate: { passed: true, checks: [] },
  });
  await registry.promote('churn', 1);
  const writer = new PredictionLogWriter({ dir: storeLayout(home).predictions });
  const traffic = generateChurn(50_000, 7);
  const start = Date.parse('2026-01-01T00:00:00Z');
  const step = (7 * 86_400_000) / rows;
  for (let i = 0; i < rows; i += 1) {
    const row = traffic.row(i % traffic.numRows);
    delete row.churn;
    delete row.customer_id;
    delete row.age; // sensitive: the API does not log it
    const probability = ((i * 7919) % 1000) / 1000;
    writer.append({
      timestamp: new Date(start + i * step).toISOString(),
      request_id: `r${i}`,
      model_name: 'churn',
      model_version: 1,
      features: row,
      prediction: probability >= 0.5 ? 1 : 0,
      probability,
      latency_ms: 0.5 + (i % 20) / 10,
    });
    if (i % 50_000 === 0) await writer.flush();
  }
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
