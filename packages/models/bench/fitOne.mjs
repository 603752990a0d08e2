// One model fit in a fresh process, so its peak RSS is its own:
//   node fitOne.mjs <data dir> <variant raw|scaled> <kind> <task> [params JSON]
// Warm-up fits on the first 2,000 rows (BENCH_WARMUPS, default 1; untimed: Node compiles the hot loops then, which
// Python's compiled extensions do not need), then one timed fit on all rows. Prints one JSON
// line: fit_s (wall), fit_cpu_s (process CPU time), predict_ms (best of 5 batches of 10,000 rows), predict_1_us (median of
// single-row calls), model_bytes (the estimator's JSON), peak_mb, metric (R² or ROC-AUC), trees.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { readMatrix } from './readMatrix.mjs';

const require = createRequire(import.meta.url);
const models = require('../dist/index.js');
const [dir, variant, kind, task, paramsArg] = process.argv.slice(2);
const params = JSON.parse(paramsArg ?? '{}');

const trainX = readMatrix(join(dir, `${variant}_train_x.csv`));
const trainY = readMatrix(join(dir, 'train_y.csv')).values;
const testX = readMatrix(join(dir, `${variant}_test_x.csv`));
const testY = readMatrix(join(dir, 'test_y.csv')).values;
const classes = task === 'regression' ? 1 : 2;
const data = { x: trainX.values, rows: trainX.rows, width: trainX.width, y: trainY, classes };
const entry = models.getEstimatorEntry(kind, task);

const warm = Math.min(2_000, data.rows);
// BENCH_WARMUPS (default 1): warm-up fits before the timed one. After one, the timed fit still
// re-optimises the loops whose call targets changed (each fit instantiates its kernels anew);
// after three it runs the code a long-lived process (tuning, cross-validation) runs.
const warmups = Number(process.env.BENCH_WARMUPS ?? 1);
for (let i = 0; i < warmups; i += 1)
  entry.fit(
    { ...data, rows: warm, x: data.x.subarray(0, warm * data.width), y: data.y.subarray(0, warm) },
    params,
    0,
  );
const started = process.hrtime.bigint();
const cpuStarted = process.cpuUsage();
const model = entry.fit(data, params, 0);
const cpu = process.cpuUsage(cpuStarted);
const fitSeconds = Number(process.hrtime.bigint() - started) / 1e9;

const out = new Float64Array(testX.rows * model.outputs);
model.predict(testX.values, testX.rows, out);
const metric =
  task === 'regression' ? models.regressionMetrics(testY, out).r2 : models.binaryMetrics(testY, out).roc_auc;

// 10,000 rows for the prediction timing: the test rows, repeated as needed.
const batch = new Float64Array(10_000 * testX.width);
for (let row = 0; row < 10_000; row += 1) {
  const from = (row % testX.rows) * testX.width;
  batch.set(testX.values.subarray(from, from + testX.width), row * testX.width);
}
const batchOut = new Float64Array(10_000 * model.outputs);
let predictMs = Number.POSITIVE_INFINITY;
for (let i = 0; i < 6; i += 1) {
  const t = process.hrtime.bigint();
  model.predict(batch, 10_000, batchOut);
  if (i > 0) predictMs = Math.min(predictMs, Number(process.hrtime.bigint() - t) / 1e6);
}
const oneOut = new Float64Array(model.outputs);
const singles = [];
for (let i = 0; i < 2_200; i += 1) {
  const row = testX.values.subarray((i % testX.rows) * testX.width, ((i % testX.rows) + 1) * testX.width);
  const t = process.hrtime.bigint();
  model.predict(row, 1, oneOut);
  if (i >= 200) singles.push(Number(process.hrtime.bigint() - t) / 1e3);
}
singles.sort((a, b) => a - b);
console.log(
  JSON.stringify({
    fit_s: fitSeconds,
    fit_cpu_s: (cpu.user + cpu.system) / 1e6,
    predict_ms: predictMs,
    predict_1_us: singles[singles.length >> 1],
    model_bytes: Buffer.byteLength(JSON.stringify(model.toJSON())),
    peak_mb: process.resourceUsage().maxRSS / 1024,
    metric,
    trees: model.trees ? model.trees.length : undefined,
  }),
);
