import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { churnVersion, tempHome } from '../__tests__/fixtures';
import { pgliteTestDatabase, type TestDatabase } from '../postgres/__tests__/testDatabases';
import { schemaVersion } from '../postgres/migrations';
import { storeLayout } from '../storeLayout';
import { connectDatabase, openStores } from './openStores';
import { readSchemaStatus } from './schemaStatus';

describe('openStores without a database', () => {
  test('opens the filesystem store under home, as before', async () => {
    const home = tempHome();
    const stores = await openStores({ home });
    expect(stores.kind).toBe('filesystem');
    expect(stores.migration).toBeUndefined();
    await stores.registry.registerVersion('churn', churnVersion());
    await stores.runs.start({ experiment: 'churn', kind: 'train' });
    expect(existsSync(join(storeLayout(home).models, 'churn'))).toBe(true);
    expect(existsSync(storeLayout(home).runs)).toBe(true);
    await stores.close();
  });
});

describe('openStores on PostgreSQL (PGlite)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await pgliteTestDatabase();
  });
  afterAll(() => database?.drop());

  test('migrates a fresh database at start-up, then serves the registry and runs from it', async () => {
    expect((await readSchemaStatus(database.db)).version).toBe(0);
    const home = tempHome();
    const stores = await openStores({ home, database: database.db });
    expect(stores.kind).toBe('postgres');
    expect(stores.migration).toEqual({
      version: schemaVersion,
      applied: Array.from({ length: schemaVersion }, (_, i) => i + 1),
    });
    const { version } = await stores.registry.registerVersion('churn', churnVersion());
    await stores.registry.promote('churn', version);
    const run = await stores.runs.start({ experiment: 'churn', kind: 'train' });
    await stores.close();
    // The rows are in the database, nothing under home; an injected database stays open.
    const again = await openStores({ home, database: database.db });
    expect(again.migration).toEqual({ version: schemaVersion, applied: [] });
    expect(await again.registry.productionVersion('churn')).toBe(version);
    expect((await again.runs.get(run.id)).id).toBe(run.id);
    expect(existsSync(storeLayout(home).models)).toBe(false);
    expect(await readSchemaStatus(database.db)).toEqual({
      version: schemaVersion,
      latest: schemaVersion,
      pending: [],
    });
  });

  test('refuses a database newer than the code, with migrate’s message', async () => {
    await database.db.query(
      `INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, 'future', 'x')`,
      [schemaVersion + 1],
    );
    try {
      await expect(openStores({ home: tempHome(), database: database.db })).rejects.toMatchObject({
        code: 'storage',
        message: expect.stringContaining(
          `the database's schema is at version ${schemaVersion + 1}, newer than this code knows (version ${schemaVersion})`,
        ),
      });
    } finally {
      await database.db.query('DELETE FROM schema_migrations WHERE version = $1', [schemaVersion + 1]);
    }
  });
});

describe('readSchemaStatus', () => {
  test('lists every migration as pending on a database never migrated', async () => {
    const fresh = await pgliteTestDatabase();
    try {
      const status = await readSchemaStatus(fresh.db);
      expect(status.version).toBe(0);
      expect(status.latest).toBe(schemaVersion);
      expect(status.pending.map((migration) => migration.version)).toEqual(
        Array.from({ length: schemaVersion }, (_, i) => i + 1),
      );
      expect(status.pending[0].name).toBe('initial');
    } finally {
      await fresh.drop();
    }
  });
});

test('a server that does not answer is a storage error naming the URL without its password, and the variable', async () => {
  // Port 1 on loopback: nothing listens there, the connection is refused at once.
  const url = 'postgres://mlops:secret@127.0.0.1:1/mlops';
  await expect(connectDatabase({ url })).rejects.toMatchObject({
    code: 'storage',
    message:
      'cannot reach the PostgreSQL store at postgres://mlops:***@127.0.0.1:1/mlops (ECONNREFUSED): start the server or fix MLOPS_DATABASE_URL, or unset it to use the filesystem store under MLOPS_HOME',
  });
  await expect(openStores({ home: tempHome(), database: { url } })).rejects.toMatchObject({
    code: 'storage',
  });
});
