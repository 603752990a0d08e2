import { PGlite } from '@electric-sql/pglite';
import type { Database } from '../Database';
import { migrate } from '../migrate';
import { PGliteDatabase } from '../PGliteDatabase';
import { PoolDatabase } from '../PoolDatabase';

/** A database made for one test file, and how to throw it away. */
export interface TestDatabase {
  db: Database;
  /** Its URL, for more connections to it (server only). */
  url?: string;
  drop(): Promise<void>;
}

/** The server the multi-process tests use (`pnpm test:postgres` sets it); unset: PGlite only. */
export const testServerUrl = process.env.MLOPS_TEST_DATABASE_URL || undefined;

/** A fresh in-memory PGlite: always available, no server needed. */
export async function pgliteTestDatabase(): Promise<TestDatabase> {
  const db = new PGliteDatabase(await PGlite.create());
  return { db, drop: () => db.close() };
}

let created = 0;

/**
 * A fresh database on the server of `adminUrl`, named after the jest worker and this
 * process, so parallel workers and repeated runs never share one; dropped by `drop`.
 */
export async function serverTestDatabase(adminUrl = testServerUrl): Promise<TestDatabase & { url: string }> {
  if (!adminUrl) throw new Error('MLOPS_TEST_DATABASE_URL is not set');
  created += 1;
  const name = `mlops_test_w${process.env.JEST_WORKER_ID ?? 0}_${process.pid}_${created}`;
  const admin = new PoolDatabase({ connectionString: adminUrl, max: 1 });
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = new PoolDatabase({ connectionString: url.toString(), max: 4 });
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
  };
}

/** The backends every PostgreSQL test runs on: PGlite always, the server when one is configured. */
export const testDatabaseKinds: Array<[string, () => Promise<TestDatabase>]> = [
  ['PGlite', pgliteTestDatabase],
  ...(testServerUrl
    ? [['the PostgreSQL server', () => serverTestDatabase()] as [string, () => Promise<TestDatabase>]]
    : []),
];

/**
 * One migrated database of `create` for a whole test file (PGlite takes seconds to
 * start), dropped after it; each call empties `tables` and hands it out again.
 */
export function migratedTestDatabase(
  create: () => Promise<TestDatabase>,
  tables: readonly string[],
): () => Promise<Database> {
  let database: Promise<TestDatabase> | undefined;
  afterAll(async () => (await database)?.drop());
  return async () => {
    database ??= create().then(async (made) => {
      await migrate(made.db);
      return made;
    });
    const { db } = await database;
    await db.query(`TRUNCATE ${tables.join(', ')} CASCADE`);
    return db;
  };
}

/** The tables of the registry (not the runs'), for {@link migratedTestDatabase}. */
export const registryTables = [
  'models',
  'version_counters',
  'versions',
  'aliases',
  'production_history',
  'audit',
  'artifacts',
] as const;
