// `node bench/predictBench.mjs`: the 100-tree random forest (defaults: fully grown trees)
// through the model pipeline on each generated dataset, side by side with scikit-learn's
// RandomForest (n_jobs=1, same design matrix): model file size in format 1 (JSON tree
// arrays, as the first code wrote it) and the current format (packed trees), single-row
// predictRecord µs (median over 2,000 rows after warm-up; format 1 = the previous
// per-tree FlatTree walk), and a 10,000-row batch (best of 5) against scikit-learn's
// predict (best of 5). Prints a Markdown table. BENCH_ONLY=churn,fraud picks datasets.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const models = require('../dist/index.js');
const features = require('@mlops/features');
const names = (process.env.BENCH_ONLY ?? 'churn,fraud,housing').split(',');
const now = () => Number(process.hrtime.bigint()) / 1e3; // µs
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The model as format 1 stored it: every tree as parallel JSON arrays (what the previous toJSON wrote). */
function format1Size(document) {
  const trees = document.estimator.trees;
  const pipeline = models.ModelPipeline.fromJSON(document);
  const old = pipeline.estimator.trees.map((t) => ({
    feature: Array.from(t.feature),
    threshold: Array.from(t.threshold, (v) => (v === Number.POSITIVE_INFINITY ? Number.MAX_VALUE : v)),
    left: Array.from(t.left),
    right: Array.from(t.right),
    value: Array.from(t.value),
    channels: t.channels,
  }));
  const size = JSON.stringify({
    ...document,
    formatVersion: 1,
    estimator: { ...document.estimator, trees: old },
  }).length;
  document.estimator.trees = trees;
  return size;
}

const PYTHON = `
import json, sys, time
import numpy as np
from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor
d, task = sys.argv[1], sys.argv[2]
x = np.loadtxt(d + '/train_x.csv', delimiter=',', ndmin=2)
y = np.loadtxt(d + '/train_y.csv', ndmin=1)
b = np.loadtxt(d + '/batch_x.csv', delimiter=',', ndmin=2)
m = (RandomForestRegressor if task == 'regression' else RandomForestClassifier)(n_estimators=100, n_jobs=1, random_state=0).fit(x, y)
f = m.predict if task == 'regression' else m.predict_proba
f(b)
times = []
for _ in range(5):
    t = time.perf_counter(); f(b); times.append((time.perf_counter() - t) * 1000)
one = []
for i in range(200):
    r = b[i:i + 1]; t = time.perf_counter(); f(r); one.append((time.perf_counter() - t) * 1e6)
print(json.dumps({'predict_ms': min(times), 'row_us': float(np.median(one))}))
`;

const rows = [];
for (const name of names) {
  const generator = features.datasetGenerators[name];
  const table = generator.generate(generator.defaultRows, 42);
  const target = generator.schema.target;
  const task = generator.schema.task;
  const result = models.trainModel({
    table,
    target,
    task,
    model: 'random_forest',
    seed: 42,
    tuneThreshold: false,
  });
  const { pipeline } = result;
  const document = pipeline.toJSON();
  const newSize = JSON.stringify(document).length;
  const oldSize = format1Size(document);
  const forest = pipeline.estimator;
  const test = result.testTable;
  const records = Array.from({ length: Math.min(2_000, test.numRows) }, (_, i) => test.row(i));

  // Single row: the pipeline's predictRecord (what the API calls), and the previous walk.
  const x = new Float64Array(pipeline.preprocessor.width);
  const out = new Float64Array(forest.outputs);
  const previous = (record) => {
    pipeline.preprocessor.transformRecord(record, x);
    for (let i = 0; i < forest.outputs; i += 1) out[i] = forest.offset[i];
    for (const tree of forest.trees)
      tree.addTo(x, 1, x.length, out, forest.outputs, 0, 1 / forest.trees.length);
    return out[0];
  };
  const timeRows = (fn) => {
    for (const r of records) fn(r); // warm-up
    return median(
      records.map((r) => {
        const t = now();
        fn(r);
        return now() - t;
      }),
    );
  };
  const newRow = timeRows((r) => pipeline.predictRecord(r));
  const oldRow = timeRows(previous);

  // 10,000-row batch on the design matrix, and scikit-learn on the same matrix.
  const trainMatrix = pipeline.preprocessor.transform(result.trainTable);
  const testMatrix = pipeline.preprocessor.transform(test);
  const width = testMatrix.width;
  const batch = new Float64Array(10_000 * width);
  for (let r = 0; r < 10_000; r += 1)
    batch.set(
      testMatrix.values.subarray((r % testMatrix.rows) * width, ((r % testMatrix.rows) + 1) * width),
      r * width,
    );
  const batchOut = new Float64Array(10_000 * forest.outputs);
  const batchTimes = [];
  for (let i = 0; i < 6; i += 1) {
    const t = now();
    forest.predict(batch, 10_000, batchOut);
    if (i > 0) batchTimes.push((now() - t) / 1e3);
  }
  const dir = join(tmpdir(), 'mlops-predict-bench', name);
  mkdirSync(dir, { recursive: true });
  const csv = (values, n, w) =>
    Array.from({ length: n }, (_, r) => Array.from(values.subarray(r * w, (r + 1) * w)).join(',')).join('\n');
  writeFileSync(join(dir, 'train_x.csv'), csv(trainMatrix.values, trainMatrix.rows, width));
  writeFileSync(join(dir, 'batch_x.csv'), csv(batch, 10_000, width));
  const y = encodeY(result.trainTable, target, task);
  writeFileSync(join(dir, 'train_y.csv'), Array.from(y).join('\n'));
  const sk = JSON.parse(
    execFileSync('/usr/bin/python3', ['-c', PYTHON, dir, task], {
      encoding: 'utf8',
      env: { ...process.env, OMP_NUM_THREADS: '1' },
    }).trim(),
  );
  rows.push({
    name,
    nodes: forest.trees.reduce((s, t) => s + t.nodeCount, 0),
    oldSize,
    newSize,
    oldRow,
    newRow,
    batch: Math.min(...batchTimes),
    sklearn: sk.predict_ms,
    sklearnRow: sk.row_us,
  });
}

function encodeY(table, target, task) {
  return models.encodeTarget(table, target, task).y;
}

const mb = (bytes) => (bytes / 1e6).toFixed(2);
console.log(
  `| dataset | nodes | file MB format 1 | format ${models.MODEL_FORMAT_VERSION} | size ratio | 1-row µs before | 1-row µs now | sklearn 1-row µs | 10k batch ms | sklearn 10k ms | batch ratio |`,
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(
    `| ${r.name} | ${r.nodes} | ${mb(r.oldSize)} | ${mb(r.newSize)} | 1/${(r.oldSize / r.newSize).toFixed(1)} | ${r.oldRow.toFixed(1)} | ${r.newRow.toFixed(1)} | ${r.sklearnRow.toFixed(0)} | ${r.batch.toFixed(1)} | ${r.sklearn.toFixed(1)} | ${(r.batch / r.sklearn).toFixed(2)} |`,
  );
}
