import { RegistryError } from '../errors';
import type { Database, Queryable } from './Database';
import { migrations as knownMigrations, type Migration } from './migrations';

/** What {@link migrate} did. */
export interface MigrateResult {
  /** The schema version the database is at now. */
  version: number;
  /** The versions this call applied (empty when the database was up to date). */
  applied: number[];
}

/** Options of {@link migrate}. */
export interface MigrateOptions {
  /**
   * How long to wait for another process's migration to finish.
   * @default 60000
   */
  lockTimeoutMs?: number;
  /** The migrations to apply (tests hand in others). @default this code's migrations */
  migrations?: readonly Migration[];
}

// pg_advisory_xact_lock key: "mlops" in ASCII. Advisory locks are per database.
const MIGRATION_LOCK = 0x6d6c6f7073;

/**
 * Brings the database's schema to this code's version. Everything happens in one
 * transaction holding an advisory lock, so processes starting at once apply each
 * migration once (the others wait, then find nothing to do), and a failing migration
 * leaves the schema as it was. Each applied migration is recorded in `schema_migrations`.
 * A database at a newer version than this code knows, or one whose applied migration
 * differs from this code's, is refused (`RegistryError('storage')`) and left untouched.
 */
export async function migrate(db: Database, options: MigrateOptions = {}): Promise<MigrateResult> {
  const migrations = options.migrations ?? knownMigrations;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  return db.transaction(async (tx) => {
    await tx.query(`SELECT set_config('lock_timeout', $1, true)`, [`${options.lockTimeoutMs ?? 60_000}ms`]);
    try {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    } catch (error) {
      if ((error as { code?: string }).code === '55P03') {
        throw new RegistryError(
          'lock-timeout',
          `another process has been migrating the database for over ${options.lockTimeoutMs ?? 60_000} ms: wait for it to finish, then run the migration again`,
          { cause: error },
        );
      }
      throw error;
    }
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      checksum   text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const applied = await appliedMigrations(tx);
    refuseUnknownSchema(applied, migrations, latest);
    const done: number[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
      done.push(migration.version);
    }
    return { version: latest, applied: done };
  });
}

/**
 * Refuses to work on a database whose schema is not this code's: never migrated or
 * behind (`RegistryError('storage')`: apply the migrations), or ahead (upgrade the
 * code). For processes that use the store without migrating it themselves.
 */
export async function checkSchema(db: Queryable): Promise<void> {
  // Two statements: a statement naming a missing table fails before it runs.
  const table = await db.query<{ found: boolean }>(
    `SELECT to_regclass('schema_migrations') IS NOT NULL AS found`,
  );
  const version = table.rows[0].found
    ? (
        await db.query<{ version: number }>(
          'SELECT COALESCE(max(version), 0) AS version FROM schema_migrations',
        )
      ).rows[0].version
    : 0;
  const latest = knownMigrations[knownMigrations.length - 1].version;
  if (version < latest) {
    throw new RegistryError(
      'storage',
      `the database's schema is at version ${version}, this code needs version ${latest}: apply the migrations first (migrate(db) of @mlops/registry)`,
    );
  }
  if (version > latest) refuseUnknownSchema(new Map([[version, '']]), [], latest);
}

async function appliedMigrations(tx: Queryable): Promise<Map<number, string>> {
  const { rows } = await tx.query<{ version: number; checksum: string }>(
    'SELECT version, checksum FROM schema_migrations ORDER BY version',
  );
  return new Map(rows.map((row) => [row.version, row.checksum]));
}

function refuseUnknownSchema(applied: Map<number, string>, migrations: readonly Migration[], latest: number) {
  const newest = Math.max(0, ...applied.keys());
  if (newest > latest) {
    throw new RegistryError(
      'storage',
      `the database's schema is at version ${newest}, newer than this code knows (version ${latest}): upgrade @mlops/registry (and the apps using it) to a release that knows version ${newest}; the database was left unchanged`,
    );
  }
  for (const migration of migrations) {
    const checksum = applied.get(migration.version);
    if (checksum !== undefined && checksum !== migration.checksum) {
      throw new RegistryError(
        'storage',
        `migration ${migration.version} (${migration.name}) applied to the database differs from this code's: a released migration was edited; restore it and put the change in a new migration`,
      );
    }
  }
}
