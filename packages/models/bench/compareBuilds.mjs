// Two builds of @mlops/models side by side in one process, for a change's before/after:
//   node bench/compareBuilds.mjs <other checkout> <set> <kind> <task> [params JSON] [rounds]
// <other checkout> is another clone of the repository, built (`pnpm build`); <set> is a folder that
// `BENCH_DATA_ONLY=1 pnpm bench:models` wrote under the temp dir (mlops-models-bench/<set>). Both builds
// fit the same rows, interleaved (other, this, this, other, …), so the machine's load of the moment falls
// on both; prints each build's CPU ms of one fit (min and median, the first two fits of each left out: V8
// compiles then) and its metric on the held-out rows.
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readMatrix } from './readMatrix.mjs';

const require = createRequire(import.meta.url);
const [other, set, kind, task, paramsArg, roundsArg] = process.argv.slice(2);
if (!other || !set || !kind || !task) {
  console.error(
    'usage: node bench/compareBuilds.mjs <other checkout> <set> <kind> <task> [params JSON] [rounds]',
  );
  process.exit(2);
}
const builds = {
  other: require(resolve(other, 'packages/models/dist/index.js')),
  this: require('../dist/index.js'),
};
const dir = join(tmpdir(), 'mlops-models-bench', set);
const trainX = readMatrix(join(dir, 'raw_train_x.csv'));
const testX = readMatrix(join(dir, 'raw_test_x.csv'));
const testY = readMatrix(join(dir, 'test_y.csv')).values;
const classes = task === 'regression' ? 1 : 2;
const data = {
  x: trainX.values,
  rows: trainX.rows,
  width: trainX.width,
  y: readMatrix(join(dir, 'train_y.csv')).values,
  classes,
};
const params = JSON.parse(paramsArg ?? '{}');
const rounds = Number(roundsArg ?? 10);
const cpuMs = { other: [], this: [] };
const metric = {};
for (let round = 0; round < rounds; round += 1) {
  for (const side of round % 2 ? ['this', 'other'] : ['other', 'this']) {
    const models = builds[side];
    const started = process.cpuUsage();
    const model = models.getEstimatorEntry(kind, task).fit(data, params, 0);
    const used = process.cpuUsage(started);
    cpuMs[side].push((used.user + used.system) / 1000);
    const out = new Float64Array(testX.rows * model.outputs);
    model.predict(testX.values, testX.rows, out);
    metric[side] =
      task === 'regression'
        ? models.regressionMetrics(testY, out).r2
        : models.binaryMetrics(testY, out).roc_auc;
  }
}
for (const side of ['other', 'this']) {
  const sorted = cpuMs[side].slice(2).sort((a, b) => a - b);
  console.log(
    `${side === 'other' ? resolve(other) : 'this build'}: CPU ms min ${sorted[0].toFixed(1)} median ${sorted[sorted.length >> 1].toFixed(1)}; metric ${metric[side].toFixed(5)}`,
  );
}
