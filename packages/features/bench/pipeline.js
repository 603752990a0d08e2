// One run of the product path, in its own process so its peak RSS is its own:
// CSV → quality gate (prepareDataset) → Arrow file → baseline profile.
// Prints one JSON line: seconds per stage and peak RSS in MiB.
const { join } = require('node:path');
const features = require('../dist');

async function main() {
  const [csvPath, outDir] = process.argv.slice(2);
  const seconds = {};
  let start = performance.now();
  const lap = (stage) => {
    const now = performance.now();
    seconds[stage] = (now - start) / 1000;
    start = now;
  };
  const table = features.readCsvFile(csvPath);
  lap('read CSV');
  const schema = {
    ...features.churnSchema,
    columns: features.churnSchema.columns.filter((column) => column.name !== 'customer_id'),
  };
  const prepared = features.prepareDataset(table, schema);
  if (!prepared.table) throw new Error(features.formatQualityReport(prepared.report));
  lap('quality gate');
  await features.writeArrowFile(join(outDir, 'prepared.arrow'), prepared.table);
  lap('write Arrow');
  const profile = features.profileTable(prepared.table, { target: 'churn' });
  await features.writeJsonAtomic(join(outDir, 'profile.json'), profile);
  lap('profile');
  const total = Object.values(seconds).reduce((a, b) => a + b, 0);
  const maxRssMiB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ seconds: { ...seconds, total }, maxRssMiB, rows: table.numRows })}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
