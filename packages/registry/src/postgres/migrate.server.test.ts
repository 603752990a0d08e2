import { serverTestDatabase, type TestDatabase } from './__tests__/testDatabases';
import { migrate } from './migrate';
import { schemaVersion } from './migrations';
import { PoolDatabase } from './PoolDatabase';

// Needs the server: run by `pnpm test:postgres`, which fails when none answers.
let server: TestDatabase & { url: string };
beforeAll(async () => {
  server = await serverTestDatabase();
});
afterAll(() => server?.drop());

test('ten processes’ worth of connections migrating at once apply the schema once', async () => {
  const connections = Array.from(
    { length: 10 },
    () => new PoolDatabase({ connectionString: server.url, max: 1 }),
  );
  try {
    const results = await Promise.all(connections.map((db) => migrate(db)));
    expect(results.filter((result) => result.applied.length > 0)).toEqual([
      { version: schemaVersion, applied: [1, 2, 3] },
    ]);
    expect(results.every((result) => result.version === schemaVersion)).toBe(true);
    const { rows } = await server.db.query('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }]);
  } finally {
    await Promise.all(connections.map((db) => db.close()));
  }
});

test('a migration waiting longer than lockTimeoutMs for another is a lock-timeout error', async () => {
  const holder = new PoolDatabase({ connectionString: server.url, max: 1 });
  const waiter = new PoolDatabase({ connectionString: server.url, max: 1 });
  try {
    let release!: () => void;
    const released = new Promise<void>((done) => {
      release = done;
    });
    let locked!: () => void;
    const isLocked = new Promise<void>((done) => {
      locked = done;
    });
    const holding = holder.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [0x6d6c6f7073]);
      locked();
      await released;
    });
    await isLocked;
    await expect(migrate(waiter, { lockTimeoutMs: 200 })).rejects.toMatchObject({
      code: 'lock-timeout',
      message:
        'another process has been migrating the database for over 200 ms: wait for it to finish, then run the migration again',
    });
    release();
    await holding;
  } finally {
    await Promise.all([holder.close(), waiter.close()]);
  }
});
