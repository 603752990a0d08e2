import { gzipSync } from 'node:zlib';
import { churnVersion } from '../__tests__/fixtures';
import { ModelRegistry } from '../versions/ModelRegistry';
import type { AuditEntry } from '../versions/ModelState';
import { sha256 } from '../versions/versionChecksums';
import { registryTables, type TestDatabase, testDatabaseKinds } from './__tests__/testDatabases';
import type { ArtifactKey, ArtifactStore } from './ArtifactStore';
import type { Queryable } from './Database';
import { migrate } from './migrate';
import { PostgresArtifactStore } from './PostgresArtifactStore';
import { PostgresRegistryStore } from './PostgresRegistryStore';
import type { StoredBytes } from './storedBytes';

/** The real artifact store, except that its puts fail from the `failAt`-th on (a write that breaks mid-registration). */
class FailingArtifactStore implements ArtifactStore<StoredBytes> {
  private puts = 0;
  private readonly inner = new PostgresArtifactStore();
  constructor(private readonly failAt: number) {}
  prepare(content: string | Uint8Array) {
    return this.inner.prepare(content);
  }
  async put(tx: Queryable, key: ArtifactKey, artifact: StoredBytes) {
    this.puts += 1;
    if (this.puts >= this.failAt) throw new Error(`the connection broke while writing ${key.name}`);
    await this.inner.put(tx, key, artifact);
  }
  get(db: Queryable, key: ArtifactKey) {
    return this.inner.get(db, key);
  }
}

const move = (alias: string, to: number): AuditEntry => ({
  time: new Date().toISOString(),
  actor: 'test',
  model: 'churn',
  alias,
  from: null,
  action: 'set-alias',
  to,
  reason: '',
  forced: false,
});

describe.each(testDatabaseKinds)('PostgresRegistryStore on %s', (_kind, create) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await create();
    await migrate(database.db);
  });
  afterAll(() => database?.drop());
  beforeEach(async () => {
    await database.db.query(`TRUNCATE ${registryTables.join(', ')}`);
  });
  const count = async (sql: string) => Number((await database.db.query<{ n: number }>(sql)).rows[0].n);

  test('a registration whose file write fails part-way leaves no version, no file and no gap', async () => {
    const registry = new ModelRegistry(new PostgresRegistryStore(database.db));
    await registry.registerVersion('churn', churnVersion());
    const failing = new ModelRegistry(
      new PostgresRegistryStore(database.db, { artifacts: new FailingArtifactStore(3) }),
    );
    await expect(failing.registerVersion('churn', churnVersion())).rejects.toMatchObject({
      code: 'storage',
      message: expect.stringMatching(
        /^cannot store a new version of 'churn': the connection broke while writing/,
      ),
    });
    expect(await registry.store.listVersions('churn')).toEqual([1]);
    expect(await count('SELECT count(*) AS n FROM artifacts WHERE version <> 1')).toBe(0);
    expect(await count('SELECT last_version AS n FROM version_counters')).toBe(1);
    expect((await registry.registerVersion('churn', churnVersion())).version).toBe(2);
    // A first registration that fails leaves no model behind either.
    await expect(failing.registerVersion('fraud', churnVersion())).rejects.toMatchObject({ code: 'storage' });
    expect(await registry.listModels()).toEqual(['churn']);
    expect(await count("SELECT count(*) AS n FROM models WHERE name = 'fraud'")).toBe(0);
  });

  test('every file is stored gzip-compressed with the sha256 and size of its original bytes', async () => {
    const registry = new ModelRegistry(new PostgresRegistryStore(database.db));
    const record = await registry.registerVersion('churn', churnVersion());
    const { rows } = await database.db.query<{
      name: string;
      sha256: string;
      size: number;
      encoding: string;
    }>('SELECT name, sha256, size, encoding FROM artifacts ORDER BY name');
    expect(rows.map((row) => row.name)).toEqual([
      'metrics.json',
      'model.json',
      'profile.json',
      'reference.arrow',
      'test.arrow',
      'version.json',
    ]);
    for (const row of rows.filter((r) => r.name !== 'version.json')) {
      expect([row.name, row.sha256]).toEqual([row.name, record.checksums?.[row.name]]);
    }
    const model = rows.find((row) => row.name === 'model.json')!;
    expect(model).toMatchObject({ encoding: 'gzip', size: JSON.stringify(churnVersion().model).length });
    // The metadata is also a row of its own, for queries.
    const meta = await database.db.query<{ record: { seed: number; checksums: object } }>(
      'SELECT record FROM versions',
    );
    expect(meta.rows[0].record).toMatchObject({ seed: 1, checksums: record.checksums });
  });

  test('a stored file that decodes to other bytes is corrupt-version: it does not match its sha256', async () => {
    const registry = new ModelRegistry(new PostgresRegistryStore(database.db));
    const recorded = (await registry.registerVersion('churn', churnVersion())).checksums?.['model.json'];
    const other = JSON.stringify({ ...churnVersion().model, threshold: 0.9 });
    await database.db.query(`UPDATE artifacts SET bytes = $1 WHERE name = 'model.json'`, [gzipSync(other)]);
    await expect(registry.readModelDocument('churn', 1)).rejects.toMatchObject({
      code: 'corrupt-version',
      message: `model.json of 'churn' version 1 does not match its checksum (recorded sha256 ${recorded}, found ${sha256(other)}): the file was changed or damaged; restore it or register a new version`,
    });
  });

  test('the state is rows: aliases pointing at versions, production history, archived_at and the gate', async () => {
    const registry = new ModelRegistry(new PostgresRegistryStore(database.db));
    for (let i = 0; i < 3; i += 1) await registry.registerVersion('churn', churnVersion());
    await registry.promote('churn', 1);
    await registry.promote('churn', 2);
    await registry.setAlias('churn', 'staging', 3);
    await registry.archive('churn', 3);
    await registry.setGate('churn', 'f1 >= 0.5');
    const rows = async (sql: string) => (await database.db.query(sql)).rows;
    expect(await rows('SELECT alias, version FROM aliases ORDER BY alias')).toEqual([
      { alias: 'production', version: 2 },
    ]);
    expect(await rows('SELECT version FROM production_history ORDER BY id')).toEqual([{ version: 1 }]);
    expect(await rows('SELECT version FROM versions WHERE archived_at IS NOT NULL')).toEqual([
      { version: 3 },
    ]);
    expect(await rows('SELECT gate FROM models')).toEqual([{ gate: 'f1 >= 0.5' }]);
    expect(await count('SELECT count(*) AS n FROM audit')).toBe(5);
    // The foreign key keeps an alias on a version of its own model.
    await expect(
      database.db.query(
        `INSERT INTO aliases (model_id, alias, version) SELECT id, 'canary', 9 FROM models WHERE name = 'churn'`,
      ),
    ).rejects.toThrow(/foreign key/);
  });

  test('a move whose change throws writes nothing, neither state nor audit', async () => {
    const store = new PostgresRegistryStore(database.db);
    await store.createVersion('churn', { 'version.json': '{}', 'a.json': '1' });
    await expect(
      store.updateState('churn', async (state) => {
        state.aliases.production = 1;
        throw new Error('refused by the caller');
      }),
    ).rejects.toThrow('refused by the caller');
    expect(await store.readAudit('churn')).toEqual([]);
    expect(await store.stateStamp('churn')).toBeUndefined();
    const entry = move('staging', 1);
    await store.updateState('churn', async (state) => {
      state.aliases.staging = 1;
      return { audit: entry, state };
    });
    expect(await store.readState('churn')).toEqual({ aliases: { staging: 1 }, productionHistory: [] });
    expect(await store.readAudit('churn')).toEqual([entry]);
  });

  test('store-level input the registry never sends is refused before anything is written', async () => {
    const store = new PostgresRegistryStore(database.db);
    await expect(store.createVersion('churn', { 'a.json': '1' })).rejects.toMatchObject({ code: 'storage' });
    await expect(store.createVersion('churn', { 'version.json': '{}', '../x': '1' })).rejects.toMatchObject({
      code: 'bad-path',
    });
    await expect(store.createVersion('Churn', { 'version.json': '{}' })).rejects.toMatchObject({
      code: 'bad-name',
    });
    await expect(store.readVersionBytes('churn', 0, 'a.json')).rejects.toMatchObject({ code: 'bad-path' });
    expect(await count('SELECT count(*) AS n FROM models')).toBe(0);
  });
});
