const { readFileSync } = require('node:fs');
const { DataTable, numericColumn } = require('@mlops/features');
const { driftReport, ksTwoSample } = require('@mlops/drift');
const [file, rowsText, columnsText] = process.argv.slice(2);
const rows = Number(rowsText);
const columns = Number(columnsText);
const buffer = readFileSync(file);
const data = new Float64Array(buffer.buffer, buffer.byteOffset, buffer.byteLength / 8);
const column = (side, c) => data.subarray((side * columns + c) * rows, (side * columns + c + 1) * rows);
let peakRss = process.memoryUsage().rss;
const sample = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
const timer = setInterval(sample, 20);
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function time(fn) {
  const start = process.hrtime.bigint();
  const out = fn();
  sample();
  return [Number(process.hrtime.bigint() - start) / 1e9, out];
}
const ksTimes = [];
let ks;
for (let r = 0; r < 3; r += 1) {
  const [s, out] = time(() => Array.from({ length: columns }, (_, c) => ksTwoSample(column(0, c), column(1, c))));
  ksTimes.push(s);
  ks = out;
}
const names = Array.from({ length: columns }, (_, c) => `x${c}`);
const reference = new DataTable(names.map((n, c) => numericColumn(n, column(0, c))));
const current = new DataTable(names.map((n, c) => numericColumn(n, column(1, c))));
const allTimes = [];
let summary;
for (let r = 0; r < 3; r += 1) {
  const [s, out] = time(() => {
    const defaults = driftReport(reference, current);
    const everyKs = driftReport(reference, current, { test: 'ks' });
    return { defaults, everyKs };
  });
  allTimes.push(s);
  summary = out;
}
clearInterval(timer);
process.stdout.write(
  `${JSON.stringify({
    ksSeconds: median(ksTimes),
    allSeconds: median(allTimes),
    peakRss,
    ks: ks.map((k) => ({ statistic: k.statistic, pValue: k.pValue })),
    level: summary.defaults.level,
  })}\n`,
);
