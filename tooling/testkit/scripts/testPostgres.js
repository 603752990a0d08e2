#!/usr/bin/env node
// `mlops-test-postgres`, a package's `pnpm test:postgres`: checks that a PostgreSQL server
// answers, then runs the package's jest.postgres.config.js against it. No server is a
// failure naming the setup, never a silent skip. `--node-flag=<flag>` arguments go to the
// node that runs jest (@mlops/registry's tests need `--experimental-vm-modules`); the rest
// go to jest.
const { spawnSync } = require('node:child_process');
const { Client } = require('pg');

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/test';
const url = process.env.MLOPS_TEST_DATABASE_URL || DEFAULT_URL;

async function main() {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    const shown = url.replace(/^([a-z]+:\/\/[^:/@]*:)[^@/]*@/i, '$1***@');
    console.error(
      `test:postgres: no PostgreSQL server answers at ${shown} (${error.code ?? error.message}): ` +
        'start one (Debian: apt-get install -y postgresql && pg_ctlcluster 15 main start, trust auth for 127.0.0.1, ' +
        `a database named test), or point MLOPS_TEST_DATABASE_URL at one (default ${DEFAULT_URL})`,
    );
    process.exit(1);
  } finally {
    await client.end().catch(() => {});
  }
  const jest = require('node:path').join(process.cwd(), 'node_modules', 'jest', 'bin', 'jest.js');
  const result = spawnSync(process.execPath, jestArguments(jest, process.argv.slice(2)), {
    stdio: 'inherit',
    env: { ...process.env, MLOPS_TEST_DATABASE_URL: url },
  });
  process.exit(result.status ?? 1);
}

/**
 * What node runs: the `--node-flag=<flag>` arguments as node's own flags, then jest with
 * the PostgreSQL config and the other arguments.
 */
function jestArguments(jest, args) {
  const nodeFlag = (arg) => arg.startsWith('--node-flag=');
  return [
    ...args.filter(nodeFlag).map((arg) => arg.slice('--node-flag='.length)),
    jest,
    '--config',
    'jest.postgres.config.js',
    ...args.filter((arg) => !nodeFlag(arg)),
  ];
}

if (require.main === module) main();
module.exports = { jestArguments };
