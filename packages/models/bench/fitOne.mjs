// One model fit in a fresh process, so its peak RSS is its own:
//   node fitOne.mjs <data dir> <variant raw|scaled> <kind> <task> <repeats> [params JSON]
// Prints one JSON line: fit seconds (median), predict ms for 10,000 rows (median of 5),
// peak RSS in MB, the test metric (R² or ROC-AUC) and the number of trees.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const models = require('../dist/index.js');
const [dir, variant, kind, task, repeatsArg, paramsArg] = process.argv.slice(2);
const params = JSON.parse(paramsArg ?? '{}');

function readMatrix(file) {
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  const width = lines[0].split(',').length;
  const values = new Float64Array(lines.length * width);
  lines.forEach((line, row) => {
    const cells = line.split(',');
    for (let j = 0; j < width; j += 1) values[row * width + j] = Number(cells[j]);
  });
  return { values, rows: lines.length, width };
}

const trainX = readMatrix(join(dir, `${variant}_train_x.csv`));
const trainY = readMatrix(join(dir, 'train_y.csv')).values;
const testX = readMatrix(join(dir, `${variant}_test_x.csv`));
const testY = readMatrix(join(dir, 'test_y.csv')).values;
const classes = task === 'regression' ? 1 : 2;
const data = { x: trainX.values, rows: trainX.rows, width: trainX.width, y: trainY, classes };
const entry = models.getEstimatorEntry(kind, task);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const fits = [];
let model;
for (let i = 0; i < Number(repeatsArg); i += 1) {
  const started = process.hrtime.bigint();
  model = entry.fit(data, params, 0);
  fits.push(Number(process.hrtime.bigint() - started) / 1e9);
}
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
const predicts = [];
for (let i = 0; i < 6; i += 1) {
  const started = process.hrtime.bigint();
  model.predict(batch, 10_000, batchOut);
  if (i > 0) predicts.push(Number(process.hrtime.bigint() - started) / 1e6);
}
console.log(
  JSON.stringify({
    fit_s: median(fits),
    predict_ms: median(predicts),
    peak_mb: process.resourceUsage().maxRSS / 1024,
    metric,
    trees: model.trees ? model.trees.length : undefined,
  }),
);
