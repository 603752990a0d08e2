import { RegistryError } from '../errors';
import type { Database } from '../postgres/Database';
import { type DatabaseConfig, redactDatabaseUrl } from '../postgres/databaseConfig';
import { type MigrateResult, migrate } from '../postgres/migrate';
import { PoolDatabase } from '../postgres/PoolDatabase';
import { PostgresRegistryStore } from '../postgres/PostgresRegistryStore';
import { PostgresRunStore } from '../postgres/PostgresRunStore';
import { FileSystemRunStore } from '../runs/FileSystemRunStore';
import type { RunStore } from '../runs/RunStore';
import { FileSystemStore } from '../storage/FileSystemStore';
import { storeLayout } from '../storeLayout';
import { ModelRegistry } from '../versions/ModelRegistry';

/** What {@link openStores} opens the stores on. */
export interface OpenStoresOptions {
  /** The filesystem store's root (`MLOPS_HOME`); used when `database` is undefined. */
  home: string;
  /**
   * The PostgreSQL store: the config `readDatabaseConfig` read from `MLOPS_DATABASE_URL`
   * (a pool is opened on it and closed by `close()`), or a {@link Database} the caller
   * opened and closes itself (tests hand in PGlite). Undefined: the filesystem store.
   */
  database?: DatabaseConfig | Database;
}

/** The registry and run store of one process, on one backend. */
export interface Stores {
  /** Which backend they are on. */
  kind: 'filesystem' | 'postgres';
  registry: ModelRegistry;
  runs: RunStore;
  /** PostgreSQL: what the start-up migration did (the schema version, and what it applied). */
  migration?: MigrateResult;
  /** Closes the connections this factory opened (none on the filesystem); idempotent. */
  close(): Promise<void>;
}

/**
 * The one place the apps' stores are chosen: the filesystem store under `home`, or
 * PostgreSQL when `database` is given. On PostgreSQL the schema is migrated first
 * (`migrate` holds an advisory lock, so replicas starting at once apply each migration
 * once) and a database newer than this code is refused, as `migrate` refuses it. A
 * server that does not answer is `RegistryError('storage')` naming the URL (password
 * hidden) and the variable to fix; the pool is closed before the error is thrown.
 */
export async function openStores(options: OpenStoresOptions): Promise<Stores> {
  if (options.database === undefined) return fileSystemStores(options.home);
  const owned = isConfig(options.database);
  const db = owned
    ? await connectDatabase(options.database as DatabaseConfig)
    : (options.database as Database);
  let migration: MigrateResult;
  try {
    migration = await migrate(db);
  } catch (error) {
    if (owned) await db.close().catch(() => {});
    throw error;
  }
  let closed: Promise<void> | undefined;
  return {
    kind: 'postgres',
    registry: new ModelRegistry(new PostgresRegistryStore(db)),
    runs: new PostgresRunStore(db),
    migration,
    close: () => {
      closed ??= owned ? db.close() : Promise.resolve();
      return closed;
    },
  };
}

/**
 * The filesystem stores under `home` (the embedded default), opened synchronously: what
 * {@link openStores} returns without a database, for the few callers that cannot wait.
 */
export function fileSystemStores(home: string): Stores {
  const layout = storeLayout(home);
  return {
    kind: 'filesystem',
    registry: new ModelRegistry(new FileSystemStore(layout.models)),
    runs: new FileSystemRunStore(layout.runs),
    close: async () => {},
  };
}

/**
 * A pool on the server of `config`, checked with one round trip so that a server that
 * does not answer fails here with the fix rather than in the first command's query.
 * The caller closes it.
 */
export async function connectDatabase(config: DatabaseConfig): Promise<Database> {
  const db = new PoolDatabase({ connectionString: config.url });
  try {
    await db.query('SELECT 1');
  } catch (error) {
    await db.close().catch(() => {});
    const reason = (error as { code?: string }).code ?? (error as Error).message;
    throw new RegistryError(
      'storage',
      `cannot reach the PostgreSQL store at ${redactDatabaseUrl(config.url)} (${reason}): start the server or fix MLOPS_DATABASE_URL, or unset it to use the filesystem store under MLOPS_HOME`,
      { cause: error },
    );
  }
  return db;
}

function isConfig(database: DatabaseConfig | Database): boolean {
  return typeof (database as Database).query !== 'function';
}
