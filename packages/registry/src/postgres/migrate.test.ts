import { RegistryError } from '../errors';
import { pgliteTestDatabase, type TestDatabase } from './__tests__/testDatabases';
import { checkSchema, migrate } from './migrate';
import { type Migration, migrations, schemaVersion } from './migrations';

// One PGlite for the file (it takes seconds to start); each test works in a schema of its own.
let pglite: TestDatabase;
let schemas = 0;
beforeAll(async () => {
  pglite = await pgliteTestDatabase();
});
afterAll(() => pglite?.drop());
beforeEach(async () => {
  schemas += 1;
  await pglite.db.exec(`CREATE SCHEMA s${schemas}; SET search_path TO s${schemas}`);
});

const fake = (version: number, name: string, sql: string): Migration => ({
  version,
  name,
  sql,
  checksum: `${name}-checksum`,
});

test('migrate applies the schema once, records it, and a second call finds nothing to do', async () => {
  const { db } = pglite;
  expect(await migrate(db)).toEqual({ version: schemaVersion, applied: [1, 2, 3] });
  expect(await migrate(db)).toEqual({ version: schemaVersion, applied: [] });
  const { rows } = await db.query('SELECT version, name, checksum FROM schema_migrations ORDER BY version');
  expect(rows).toEqual([
    { version: 1, name: 'initial', checksum: migrations[0].checksum },
    { version: 2, name: 'prediction_log_windows', checksum: migrations[1].checksum },
    { version: 3, name: 'challenger_routes', checksum: migrations[2].checksum },
  ]);
  const tables = await db.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1`,
  );
  expect(tables.rows.map((row) => row.name)).toEqual([
    'aliases',
    'artifacts',
    'audit',
    'models',
    'prediction_log',
    'production_history',
    'run_artifacts',
    'run_metrics',
    'run_params',
    'runs',
    'schema_migrations',
    'version_counters',
    'versions',
  ]);
});

test('a database newer than the code is refused with its version, the code’s, and the fix, and left as it was', async () => {
  const { db } = pglite;
  await migrate(db);
  await db.query(
    `INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, 'from_the_future', 'x')`,
    [schemaVersion + 1],
  );
  const refused = await migrate(db).catch((error: unknown) => error);
  expect(refused).toBeInstanceOf(RegistryError);
  expect((refused as RegistryError).code).toBe('storage');
  expect((refused as Error).message).toBe(
    `the database's schema is at version ${schemaVersion + 1}, newer than this code knows (version ${schemaVersion}): upgrade @mlops/registry (and the apps using it) to a release that knows version ${schemaVersion + 1}; the database was left unchanged`,
  );
  const { rows } = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY 1');
  expect(rows.map((row) => row.version)).toEqual([...migrations.map((m) => m.version), schemaVersion + 1]);
});

test('a released migration edited afterwards is refused', async () => {
  const { db } = pglite;
  await migrate(db, { migrations: [fake(1, 'one', 'CREATE TABLE one (x int)')] });
  const edited = [{ ...fake(1, 'one', 'CREATE TABLE one (x int, y int)'), checksum: 'changed' }];
  await expect(migrate(db, { migrations: edited })).rejects.toThrow(
    "migration 1 (one) applied to the database differs from this code's: a released migration was edited; restore it and put the change in a new migration",
  );
});

test('a migration that fails leaves the schema as it was: none of the batch is applied or recorded', async () => {
  const { db } = pglite;
  const batch = [
    fake(1, 'one', 'CREATE TABLE one (x int)'),
    fake(2, 'two', 'CREATE TABLE two (x no_such_type)'),
  ];
  await expect(migrate(db, { migrations: batch })).rejects.toThrow(/no_such_type/);
  const { rows } = await db.query(
    `SELECT to_regclass('one') AS one, to_regclass('schema_migrations') AS log`,
  );
  expect(rows).toEqual([{ one: null, log: null }]);
  expect(await migrate(db, { migrations: batch.slice(0, 1) })).toEqual({ version: 1, applied: [1] });
  expect(await migrate(db, { migrations: [batch[0], fake(2, 'two', 'CREATE TABLE two (x int)')] })).toEqual({
    version: 2,
    applied: [2],
  });
});

test('checkSchema refuses a database never migrated, behind, or ahead of the code, and passes a current one', async () => {
  const { db } = pglite;
  const behind = `the database's schema is at version 0, this code needs version ${schemaVersion}: apply the migrations first (migrate(db) of @mlops/registry)`;
  await expect(checkSchema(db)).rejects.toThrow(behind);
  await migrate(db);
  await expect(checkSchema(db)).resolves.toBeUndefined();
  await db.query(`INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, 'later', 'x')`, [
    schemaVersion + 1,
  ]);
  await expect(checkSchema(db)).rejects.toMatchObject({
    code: 'storage',
    message: expect.stringContaining(`at version ${schemaVersion + 1}, newer than this code knows`),
  });
});

describe('the schema', () => {
  beforeEach(() => migrate(pglite.db));

  test('version numbers come from the model’s counter row, returned by the update', async () => {
    const { db } = pglite;
    const { rows } = await db.query<{ id: number }>(
      `INSERT INTO models (name) VALUES ('churn') RETURNING id`,
    );
    await db.query('INSERT INTO version_counters (model_id) VALUES ($1)', [rows[0].id]);
    const next = () =>
      db.transaction(async (tx) => {
        const counted = await tx.query<{ last_version: number }>(
          'UPDATE version_counters SET last_version = last_version + 1 WHERE model_id = $1 RETURNING last_version',
          [rows[0].id],
        );
        return counted.rows[0].last_version;
      });
    expect([await next(), await next(), await next()]).toEqual([1, 2, 3]);
  });

  test('an alias can only point at a version of its own model', async () => {
    const { db } = pglite;
    await db.exec(`
      INSERT INTO models (name) VALUES ('churn'), ('fraud');
      INSERT INTO versions (model_id, version, record) SELECT id, 1, '{}' FROM models WHERE name = 'churn';`);
    await expect(
      db.query(
        `INSERT INTO aliases (model_id, alias, version) SELECT id, 'production', 1 FROM models WHERE name = 'fraud'`,
      ),
    ).rejects.toThrow(/foreign key/);
  });

  test('a prediction lands in the partition of its UTC day, created by prediction_log_partition', async () => {
    const { db } = pglite;
    await db.exec(`SET TIME ZONE 'America/New_York'`);
    const made = await db.query(`SELECT prediction_log_partition('2026-12-01') AS name`);
    expect(made.rows).toEqual([{ name: 'prediction_log_20261201' }]);
    await db.query(`SELECT prediction_log_partition('2026-12-01')`); // a second call is a no-op
    const insert = (at: string) =>
      db.query(
        `INSERT INTO prediction_log (logged_at, request_id, model_name, model_version, features, prediction, latency_ms)
         VALUES ($1, 'r1', 'churn', 1, '{}', '1', 2)`,
        [at],
      );
    await insert('2026-12-01T00:00:00.000Z');
    await insert('2026-12-01T23:59:59.999Z');
    await expect(insert('2026-12-02T00:00:00.000Z')).rejects.toThrow(/no partition/);
    const { rows } = await db.query(
      `SELECT tableoid::regclass::text AS part, count(*)::int AS n FROM prediction_log GROUP BY 1`,
    );
    expect(rows).toEqual([{ part: 'prediction_log_20261201', n: 2 }]);
    await db.exec(`SET TIME ZONE 'UTC'`);
  });
});
