// `pnpm bench:promote`: promote-to-served latency of one `node dist/main.js`, from the start of a
// `promote` through the registry to the first /predict answer with the promoted version, on
// PostgreSQL (the LISTEN watcher; polling set to an hour so it cannot help) and on the filesystem
// (polling every second, the default). Prints the table and writes it into BENCHMARKS.md
// between its markers. Never asserted in a test.
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { churnSchema, generateChurn } from '@mlops/features';
import { openStores } from '@mlops/registry';
import { requestExample, serverTestDatabase, trainedVersion } from '@mlops/testkit';
import { median, startApi, stop } from './servers.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const PROMOTES = Number(process.env.BENCH_PROMOTES ?? 20);
const ADMIN_URL = process.env.MLOPS_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const body = JSON.stringify(requestExample(churnSchema, generateChurn(10, 7).row(0)));

const percentile = (xs, p) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

async function servedVersion(port) {
  const response = await fetch(`http://127.0.0.1:${port}/predict`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  if (response.status !== 200)
    throw new Error(`/predict answered ${response.status}: ${await response.text()}`);
  return (await response.json()).model_version;
}

/** Registers PROMOTES + 1 versions (the same training: every promotion passes the gate), promotes each in turn. */
async function measure(name, database, env) {
  const home = mkdtempSync(join(tmpdir(), `mlops-bench-promote-${name}-`));
  const stores = await openStores({ home, database });
  const version = {
    ...trainedVersion({ dataset: 'churn', rows: 2_000, seed: 1 }),
    gate: { passed: true, checks: [] },
  };
  const versions = [];
  for (let i = 0; i <= PROMOTES; i++)
    versions.push((await stores.registry.registerVersion('churn', version)).version);
  await stores.registry.promote('churn', versions[0]);
  const server = await startApi(home, 1, {
    env: { ...env, ...(database ? { MLOPS_DATABASE_URL: database.url } : {}) },
  });
  const times = [];
  try {
    if ((await servedVersion(server.port)) !== versions[0])
      throw new Error('the first version is not served');
    for (const next of versions.slice(1)) {
      const started = performance.now();
      await stores.registry.promote('churn', next);
      while ((await servedVersion(server.port)) !== next) {}
      times.push(performance.now() - started);
    }
  } finally {
    await stop(server);
    await stores.close();
    rmSync(home, { recursive: true, force: true });
  }
  return { p50: median(times), p90: percentile(times, 0.9), max: Math.max(...times) };
}

const database = await serverTestDatabase(ADMIN_URL);
let pg;
let fs;
try {
  pg = await measure('pg', { url: database.url }, { MLOPS_WATCH_INTERVAL_MS: '3600000' });
  fs = await measure('fs', undefined, {});
} finally {
  await database.drop();
}
const ms = (x) => `${x.toFixed(1)} ms`;
const table = [
  `Promote-to-served on one \`node dist/main.js\` (\`pnpm bench:promote\`, ${PROMOTES} promotes each, ${cpus().length} cores: ${cpus()[0]?.model ?? 'unknown'}, ${new Date().toISOString().slice(0, 10)}): from the start of \`promote\` through the registry to the first \`/predict\` answer with the new version, requests sent one after another; includes loading the version (its files, the pipeline, the test prediction).`,
  '',
  '| store | how the API hears it | p50 | p90 | max |',
  '| --- | --- | --- | --- | --- |',
  `| PostgreSQL | LISTEN/NOTIFY (polling set to 1 h) | ${ms(pg.p50)} | ${ms(pg.p90)} | ${ms(pg.max)} |`,
  `| filesystem | polling the alias stamp every 1 s | ${ms(fs.p50)} | ${ms(fs.p90)} | ${ms(fs.max)} |`,
].join('\n');
console.log(table);

const file = join(here, '..', 'BENCHMARKS.md');
const BEGIN = '<!-- bench:promote begin -->';
const END = '<!-- bench:promote end -->';
const text = readFileSync(file, 'utf8');
const section = `${BEGIN}\n${table}\n${END}`;
const next = text.includes(BEGIN)
  ? text.replace(new RegExp(`${BEGIN}[\\s\\S]*?${END}`), section)
  : `${text.trimEnd()}\n\n## Promote to served\n\n${section}\n`;
writeFileSync(`${file}.tmp`, next);
renameSync(`${file}.tmp`, file);
