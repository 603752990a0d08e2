#!/usr/bin/env node
// The main job on the embedded default (`pnpm start`): the trainer's quickstart
// (generate → quality gate → train → register → promote), then the API in the
// foreground, then the exact curl to call it. Ctrl-C stops the API cleanly.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const port = process.env.PORT ?? '8000';
const home = process.env.MLOPS_HOME || join(root, '.mlops');

/**
 * The churn schema marks customer_id sensitive, so the API hashes it in the prediction
 * log and needs MLOPS_HASH_SALT. On this local default the salt is made once and kept in
 * the store (so hashes stay joinable across restarts); production sets its own secret.
 */
function localHashSalt() {
  if (process.env.MLOPS_HASH_SALT) return process.env.MLOPS_HASH_SALT;
  const path = join(home, 'secrets', 'hash-salt');
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(`${path}.tmp`, randomBytes(32).toString('hex'), { mode: 0o600 });
    renameSync(`${path}.tmp`, path);
    process.stderr.write(
      `start: MLOPS_HASH_SALT is not set: made a local one in ${path} (set your own secret in production)\n`,
    );
  }
  return readFileSync(path, 'utf8').trim();
}

const trainer = spawnSync(
  process.execPath,
  [join(root, 'apps/trainer/dist/main.js'), 'quickstart', '--json'],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  },
);
if (trainer.status !== 0) {
  process.stderr.write(`start: the training job failed (exit ${trainer.status}); see the error above\n`);
  process.exit(trainer.status ?? 1);
}
const trained = JSON.parse(trainer.stdout.trim().split('\n').at(-1));

const api = spawn(process.execPath, [join(root, 'apps/api/dist/main.js')], {
  stdio: 'inherit',
  env: {
    ...process.env,
    PORT: port,
    MLOPS_HOME: home,
    MLOPS_MODEL: process.env.MLOPS_MODEL ?? trained.name,
    MLOPS_HASH_SALT: localHashSalt(),
  },
});
// Ctrl-C reaches the API too (same process group); this script waits for it to
// flush its prediction log and exit, then exits with its code.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (api.exitCode === null) api.kill(signal);
  });
}
api.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));

const deadline = Date.now() + 30_000;
while (Date.now() < deadline && api.exitCode === null) {
  try {
    const response = await fetch(`http://localhost:${port}/ready`);
    if (response.ok) break;
  } catch {
    // not listening yet
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
}
const body = JSON.stringify(trained.example);
process.stdout.write(
  [
    '',
    `${trained.name} v${trained.version} is serving on http://localhost:${port} (${trained.reused ? 'reused' : 'newly trained'}). Try:`,
    '',
    `  curl -X POST localhost:${port}/predict -H 'content-type: application/json' -d '${body}'`,
    '',
    'Ctrl-C stops the server.',
    '',
  ].join('\n'),
);
