import type { Queryable } from '../postgres/Database';
import { migrations } from '../postgres/migrations';

/** Where a database's schema stands against this code's migrations. */
export interface SchemaStatus {
  /** The newest migration applied to the database (0: never migrated). */
  version: number;
  /** The newest migration this code knows. */
  latest: number;
  /** Migrations of this code not applied yet, in order. */
  pending: Array<{ version: number; name: string }>;
}

/**
 * Reads the database's applied migrations without changing anything (`mlops db status`).
 * A database ahead of the code shows `version > latest` and nothing pending; `migrate`
 * and `checkSchema` refuse it.
 */
export async function readSchemaStatus(db: Queryable): Promise<SchemaStatus> {
  const table = await db.query<{ found: boolean }>(
    `SELECT to_regclass('schema_migrations') IS NOT NULL AS found`,
  );
  const applied = table.rows[0].found
    ? (
        await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')
      ).rows.map((row) => row.version)
    : [];
  const done = new Set(applied);
  return {
    version: Math.max(0, ...applied),
    latest: migrations[migrations.length - 1].version,
    pending: migrations
      .filter((migration) => !done.has(migration.version))
      .map(({ version, name }) => ({ version, name })),
  };
}
