// `node bench/explainBench.mjs` (after `pnpm build`): µs per row of `explainEstimator`
// (exact path-dependent TreeSHAP) for 100-round gradient boosting and a 100-tree fully
// grown random forest, both with their defaults, trained through `trainModel` on a
// generated dataset (BENCH_DATA=churn|fraud|credit|housing, BENCH_ROWS rows, seed 42).
// Single rows: the median over 300 rows explained one at a time after a warm-up; batch:
// the mean per row over 1,000 rows in one call. "Algorithm 2": the same 300 rows through
// `addTreeShap` (Lundberg et al.'s walk, quadratic in depth per leaf), interleaved row by row
// with `explainEstimator` (Linear TreeSHAP), so both see the same machine; the largest
// difference between the two's contributions is printed too. Prints a Markdown table; never asserted.
// Goals (issue #19): ≤ 1,000 µs/row boosting, ≤ 10,000 µs/row forest.

import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';

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
  `dataset ${dataset}, ${rows} rows; ${cpus()[0].model} (${cpus().length} cores), node ${process.version}, load ${loadavg()[0].toFixed(2)} at the start`,
  '',
  '| model | trees | nodes (mean) | depth (max) | width | single row µs (median) | batch µs/row | Algorithm 2 single row µs (median) | speed-up | largest difference | goal µs/row |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
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
  // Algorithm 2 on the same trees and layout as TreeEnsembleExplainer.
  const outputs = estimator.outputs;
  const workspace = new models.TreeShapWorkspace(depth);
  const forest = model === 'random_forest';
  const algorithm2 = (row) => {
    const out = new Float64Array(outputs * width);
    trees.forEach((tree, t) => {
      const first = forest ? 0 : t % outputs;
      models.addTreeShap(
        tree,
        x,
        row * width,
        width,
        out,
        first * width,
        workspace,
        forest ? 1 / trees.length : 1,
      );
    });
    return out;
  };
  for (let row = 0; row < 50; row += 1) {
    one(row);
    algorithm2(row);
  }
  const times = [];
  const reference = [];
  let worst = 0;
  for (let row = 100; row < 400; row += 1) {
    let start = now();
    const linear = one(row).contributions;
    times.push(now() - start);
    start = now();
    const slow = algorithm2(row);
    reference.push(now() - start);
    for (let i = 0; i < slow.length; i += 1) worst = Math.max(worst, Math.abs(slow[i] - linear[i]));
  }
  const batchRows = 1_000;
  const start = now();
  models.explainEstimator(estimator, x.subarray(0, batchRows * width), batchRows);
  const batch = (now() - start) / batchRows;
  lines.push(
    `| ${model} | ${trees.length} | ${nodes.toFixed(0)} | ${depth} | ${width} | ${median(times).toFixed(0)} | ${batch.toFixed(0)} | ${median(reference).toFixed(0)} | ${(median(reference) / median(times)).toFixed(1)}× | ${worst.toExponential(1)} | ${goal} |`,
  );
}
console.log(lines.join('\n'));
