// `node bench/explainBench.mjs` (after `pnpm build`): µs per row of `explainEstimator`
// (exact path-dependent TreeSHAP) for 100-round gradient boosting and a 100-tree fully
// grown random forest, both with their defaults, trained through `trainModel` on a
// generated dataset (BENCH_DATA=churn|fraud|credit|housing, BENCH_ROWS rows, seed 42).
// Single rows: the median over 300 rows explained one at a time after a warm-up; batch:
// the mean per row over 1,000 rows in one call. Prints a Markdown table; never asserted.
// Goals (issue #19): ≤ 1,000 µs/row boosting, ≤ 10,000 µs/row forest.

import { createRequire } from 'node:module';
import { cpus } from 'node:os';

const require = createRequire(import.meta.url);
const models = require('../dist/index.js');
const features = require('@mlops/features');

const dataset = process.env.BENCH_DATA ?? 'churn';
const rows = Number(process.env.BENCH_ROWS ?? 10_000);
const generators = {
  churn: [features.generateChurn, 'churn', 'binary'],
  fraud: [features.generateFraud, 'is_fraud', 'binary'],
  credit: [features.generateCredit, 'default', 'binary'],
  housing: [features.generateHousing, 'median_house_value', 'regression'],
};
const [generate, target, task] = generators[dataset];
const table = generate(rows, 42);
const now = () => Number(process.hrtime.bigint()) / 1e3;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const lines = [
  `dataset ${dataset}, ${rows} rows; ${cpus()[0].model}, node ${process.version}`,
  '',
  '| model | trees | nodes (mean) | depth (max) | width | single row µs (median) | batch µs/row | goal µs/row |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
];
for (const [model, params, goal] of [
  ['gradient_boosting', { max_iter: 100, early_stopping: 0 }, 1_000],
  ['random_forest', { n_estimators: 100 }, 10_000],
]) {
  const { pipeline } = models.trainModel({
    table,
    target,
    task,
    model,
    params,
    seed: 42,
    tuneThreshold: false,
  });
  const { values: x, width } = pipeline.preprocessor.transform(table);
  const estimator = pipeline.estimator;
  const trees = estimator.trees;
  const nodes = trees.reduce((sum, t) => sum + t.nodeCount, 0) / trees.length;
  const depth = Math.max(...trees.map((t) => models.treeDepth(t)));
  const one = (row) => models.explainEstimator(estimator, x.subarray(row * width, (row + 1) * width), 1);
  for (let row = 0; row < 50; row += 1) one(row);
  const times = [];
  for (let row = 100; row < 400; row += 1) {
    const start = now();
    one(row);
    times.push(now() - start);
  }
  const batchRows = 1_000;
  const start = now();
  models.explainEstimator(estimator, x.subarray(0, batchRows * width), batchRows);
  const batch = (now() - start) / batchRows;
  lines.push(
    `| ${model} | ${trees.length} | ${nodes.toFixed(0)} | ${depth} | ${width} | ${median(times).toFixed(0)} | ${batch.toFixed(0)} | ${goal} |`,
  );
}
console.log(lines.join('\n'));
