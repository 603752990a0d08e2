// Listing runs at scale: `pnpm bench:registry`. Creates 10,000 finished runs through the
// real FileSystemRunStore (start + end, as `mlops train` does), then times list()
// with and without a filter and sort. Prints a Markdown table; asserts nothing.
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir, cpus } = require('node:os');
const { join } = require('node:path');
const { FileSystemRunStore, parseRunFilter, parseRunSort } = require('../dist/index.js');

async function main() {
  const total = Number(process.argv[2] ?? 10_000);
  const root = mkdtempSync(join(tmpdir(), 'bench-runs-'));
  const store = new FileSystemRunStore(root);
  const started = performance.now();
  for (let i = 0; i < total; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, total - i) }, async (_, j) => {
        const run = await store.start({
          experiment: `exp${(i + j) % 5}`,
          kind: 'train',
          params: { model: ['logistic', 'random_forest', 'gradient_boosting'][(i + j) % 3], seed: i + j },
          tags: { team: 'bench' },
        });
        await store.end(run.id, {
          status: 'finished',
          metrics: { roc_auc: ((i + j) % 1000) / 1000, f1: 0.5 },
        });
      }),
    );
  }
  const createSeconds = (performance.now() - started) / 1000;
  const time = async (fn) => {
    const samples = [];
    for (let k = 0; k < 7; k += 1) {
      const t = performance.now();
      await fn();
      samples.push(performance.now() - t);
    }
    return samples.sort((a, b) => a - b)[3];
  };
  const all = await time(() => store.list());
  const filtered = await time(() =>
    store.list({
      filters: [parseRunFilter('metrics.roc_auc > 0.9'), parseRunFilter('params.model = logistic')],
      sort: parseRunSort('metrics.roc_auc desc'),
      limit: 20,
    }),
  );
  const count = (await store.list()).length;
  rmSync(root, { recursive: true, force: true });
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `machine: ${cpus().length} cores, ${cpu}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}\n`,
  );
  console.log('| operation | runs | median of 7 |');
  console.log('| --- | ---: | ---: |');
  console.log(`| create (start + end each) | ${count} | ${createSeconds.toFixed(1)} s total |`);
  console.log(`| list all | ${count} | ${all.toFixed(0)} ms |`);
  console.log(`| list, 2 filters + sort + limit 20 | ${count} | ${filtered.toFixed(0)} ms |`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
