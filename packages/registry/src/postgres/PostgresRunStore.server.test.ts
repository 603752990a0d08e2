import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { serverTestDatabase, type TestDatabase } from './__tests__/testDatabases';
import { migrate } from './migrate';
import { PostgresRunStore } from './PostgresRunStore';

// Needs the server (several processes on one database): run by `pnpm test:postgres`, on the built package.
let server: TestDatabase & { url: string };
beforeAll(async () => {
  server = await serverTestDatabase();
  await migrate(server.db);
});
afterAll(() => server?.drop());

test('runs started and ended by four processes at once are all listed, each once', async () => {
  const dist = resolve(__dirname, '../../dist/index.js');
  const script = `
    const { PoolDatabase, PostgresRunStore } = require(${JSON.stringify(dist)});
    const db = new PoolDatabase({ connectionString: process.argv[1], max: 2 });
    const store = new PostgresRunStore(db);
    (async () => {
      for (let i = 0; i < 25; i += 1) {
        const run = await store.start({ experiment: 'e', kind: 'trial', params: { i } });
        await store.end(run.id, { status: 'finished', metrics: { score: i } });
      }
      await db.close();
    })().catch((error) => { console.error(error); process.exit(1); });`;
  const run = promisify(execFile);
  await Promise.all([1, 2, 3, 4].map(() => run(process.execPath, ['-e', script, server.url])));
  const runs = await new PostgresRunStore(server.db).list();
  expect(runs).toHaveLength(100);
  expect(new Set(runs.map((r) => r.id)).size).toBe(100);
  expect(runs.every((r) => r.status === 'finished' && r.metrics.score === r.params.i)).toBe(true);
});
