// Batch prediction of two builds side by side in one process: fits the model with this build,
// loads its document into both, and times 10,000-row batches interleaved (best of 10), then
// checks that both builds give the same bits; then single-row calls, interleaved the same way. Usage (after `BENCH_DATA_ONLY=1 node bench/run.mjs`):
//   node bench/comparePredict.mjs <other checkout> <set> <kind> <task> [params JSON]
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { readMatrix } from './readMatrix.mjs';

const require = createRequire(import.meta.url);
const [other, set, kind, task, paramsArg] = process.argv.slice(2);
if (!other || !task) {
  process.stderr.write(
    'usage: node bench/comparePredict.mjs <other checkout> <set> <kind> <task> [params JSON]\n',
  );
  process.exit(2);
}
const builds = {
  old: require(join(resolve(other), 'packages/models/dist/index.js')),
  new: require('../dist/index.js'),
};
const dir = `/tmp/mlops-models-bench/${set}`;
const trainX = readMatrix(join(dir, 'raw_train_x.csv'));
const trainY = readMatrix(join(dir, 'train_y.csv')).values;
const testX = readMatrix(join(dir, 'raw_test_x.csv'));
const data = {
  x: trainX.values,
  rows: trainX.rows,
  width: trainX.width,
  y: trainY,
  classes: task === 'regression' ? 1 : 2,
};
const fitted = builds.new.getEstimatorEntry(kind, task).fit(data, JSON.parse(paramsArg ?? '{}'), 0);
const doc = JSON.parse(JSON.stringify(fitted.toJSON()));
const Cls = kind === 'random_forest' ? 'RandomForest' : 'GradientBoosting';
const ms = Object.fromEntries(
  Object.entries(builds).map(([k, m]) => [k, (m[Cls] ?? m.getEstimatorEntry(kind, task)).fromJSON(doc)]),
);
const batch = new Float64Array(10_000 * testX.width);
for (let r = 0; r < 10_000; r++)
  batch.set(
    testX.values.subarray((r % testX.rows) * testX.width, ((r % testX.rows) + 1) * testX.width),
    r * testX.width,
  );
const outs = {
  old: new Float64Array(10_000 * fitted.outputs),
  new: new Float64Array(10_000 * fitted.outputs),
};
const res = { old: [], new: [] };
for (let round = 0; round < 12; round++)
  for (const k of round % 2 ? ['new', 'old'] : ['old', 'new']) {
    const t = process.hrtime.bigint();
    ms[k].predict(batch, 10_000, outs[k]);
    if (round > 1) res[k].push(Number(process.hrtime.bigint() - t) / 1e6);
  }
let diff = 0;
for (let i = 0; i < outs.old.length; i++) if (outs.old[i] !== outs.new[i]) diff++;
const min = (xs) => Math.min(...xs);
console.log(
  set,
  kind,
  'best ms other',
  min(res.old).toFixed(1),
  'this',
  min(res.new).toFixed(1),
  'ratio',
  (min(res.new) / min(res.old)).toFixed(2),
  'differing',
  diff,
);

// Single rows: 8 interleaved rounds of 4,000 calls over the test rows; the median call of each round.
const one = { old: new Float64Array(fitted.outputs), new: new Float64Array(fitted.outputs) };
const singles = { old: [], new: [] };
for (let round = 0; round < 8; round++)
  for (const k of round % 2 ? ['new', 'old'] : ['old', 'new']) {
    const times = [];
    for (let i = 0; i < 4_000; i++) {
      const r = (i * 7 + round) % testX.rows;
      const row = testX.values.subarray(r * testX.width, (r + 1) * testX.width);
      const t = process.hrtime.bigint();
      ms[k].predict(row, 1, one[k]);
      times.push(Number(process.hrtime.bigint() - t) / 1e3);
    }
    times.sort((a, b) => a - b);
    singles[k].push(times[times.length >> 1]);
  }
for (let r = 0; r < testX.rows; r++) {
  const row = testX.values.subarray(r * testX.width, (r + 1) * testX.width);
  ms.old.predict(row, 1, one.old);
  ms.new.predict(row, 1, one.new);
  for (let c = 0; c < fitted.outputs; c++) if (one.old[c] !== one.new[c]) diff++;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(
  set,
  kind,
  'single row µs (median of the rounds) other',
  median(singles.old).toFixed(2),
  'this',
  median(singles.new).toFixed(2),
  'ratio',
  (median(singles.new) / median(singles.old)).toFixed(2),
  'differing',
  diff,
);
