import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

test('mlops-test-postgres with no server answering fails, naming the URL and the setup, instead of skipping', async () => {
  const script = resolve(__dirname, '../scripts/testPostgres.js');
  // Port 1 on loopback: nothing listens there, the connection is refused at once.
  const url = 'postgres://postgres@127.0.0.1:1/test';
  const failed = await promisify(execFile)(process.execPath, [script], {
    env: { ...process.env, MLOPS_TEST_DATABASE_URL: url },
  }).catch((error: { code: number; stderr: string }) => error);
  expect(failed).toMatchObject({ code: 1 });
  expect((failed as { stderr: string }).stderr).toBe(
    `test:postgres: no PostgreSQL server answers at ${url} (ECONNREFUSED): start one (Debian: apt-get install -y postgresql && pg_ctlcluster 15 main start, trust auth for 127.0.0.1, a database named test), or point MLOPS_TEST_DATABASE_URL at one (default postgres://postgres@127.0.0.1:5432/test)\n`,
  );
});

test('--node-flag arguments go to the node that runs jest, the others to jest', () => {
  const { jestArguments } = require('../scripts/testPostgres.js') as {
    jestArguments: (jest: string, args: string[]) => string[];
  };
  expect(
    jestArguments('/jest.js', [
      '--node-flag=--experimental-vm-modules',
      'postgres',
      '--node-flag=--disable-warning=ExperimentalWarning',
      '-t',
      'promote',
    ]),
  ).toEqual([
    '--experimental-vm-modules',
    '--disable-warning=ExperimentalWarning',
    '/jest.js',
    '--config',
    'jest.postgres.config.js',
    'postgres',
    '-t',
    'promote',
  ]);
});
