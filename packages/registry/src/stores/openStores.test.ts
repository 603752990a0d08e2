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

  test('gives the segment log under home: a writer that close() flushes, its reader, and no watcher', async () => {
    const home = tempHome();
    const stores = await openStores({ home });
    expect(stores.watch).toBeUndefined();
    const writer = stores.openPredictionLog({ flushIntervalMs: 0 });
    writer.append(logged('r1'));
    await stores.close();
    expect(writer.stats).toEqual({ queued: 0, written: 1, lost: 0 });
    expect(existsSync(join(storeLayout(home).predictions, 'churn'))).toBe(true);
    const ids: string[] = [];
    await stores.predictionLog.readWindow({ model: 'churn' }, { onRecord: (r) => ids.push(r.request_id) });
    expect(ids).toEqual(['r1']);
  });
});

const logged = (id: string) => ({
  timestamp: new Date().toISOString(),
  request_id: id,
  model_name: 'churn',
  model_version: 1,
  features: { tenure_months: 3 },
  prediction: 1,
  probability: 0.7,
  latency_ms: 1,
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

  test('gives the table log (writers flushed by close(), before the database) and a watcher that close() stops', async () => {
    const home = tempHome();
    const stores = await openStores({ home, database: database.db });
    const heard: string[] = [];
    let onHeard = () => {};
    const watcher = stores.watch!({
      onChange: (change) => {
        heard.push(change.kind === 'model' ? change.model : change.kind);
        onHeard();
      },
    });
    await watcher.ready;
    const registered = new Promise<void>((resolve) => {
      onHeard = resolve;
    });
    await stores.registry.registerVersion('churn', churnVersion());
    await registered;
    expect(heard).toEqual(['churn']);
    const writer = stores.openPredictionLog({ flushIntervalMs: 0 });
    writer.append(logged('pg1'));
    writer.append(logged('pg2'));
    await stores.close();
    expect(writer.stats).toEqual({ queued: 0, written: 2, lost: 0 });
    const ids: string[] = [];
    await stores.predictionLog.readWindow({ model: 'churn' }, { onRecord: (r) => ids.push(r.request_id) });
    expect(ids.sort()).toEqual(['pg1', 'pg2']);
    expect(existsSync(storeLayout(home).predictions)).toBe(false);
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
