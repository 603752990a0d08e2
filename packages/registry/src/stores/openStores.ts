import { RegistryError } from '../errors';
import type { Database } from '../postgres/Database';
import { type DatabaseConfig, redactDatabaseUrl } from '../postgres/databaseConfig';
import { type MigrateResult, migrate } from '../postgres/migrate';
import { PGliteDatabase } from '../postgres/PGliteDatabase';
import { PoolDatabase } from '../postgres/PoolDatabase';
import { PostgresPredictionLogReader } from '../postgres/PostgresPredictionLogReader';
import { PostgresPredictionLogWriter } from '../postgres/PostgresPredictionLogWriter';
import { PostgresRegistryStore } from '../postgres/PostgresRegistryStore';
import { PostgresRunStore } from '../postgres/PostgresRunStore';
import { type RegistryWatcher, type WatchRegistryOptions, watchRegistry } from '../postgres/watchRegistry';
import { PredictionLogReader } from '../predictionLog/PredictionLogReader';
import type { PredictionLogSink } from '../predictionLog/PredictionLogSink';
import type { PredictionLogWindows } from '../predictionLog/PredictionLogWindow';
import { PredictionLogWriter } from '../predictionLog/PredictionLogWriter';
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

/** Options of {@link Stores.openPredictionLog}: the writers' common ones. */
export interface PredictionLogSinkOptions {
  /** How often queued records are written; `0`: only on `flush()` and `close()`. @default 1000 */
  flushIntervalMs?: number;
  /** Called when a flush fails or refuses records, with the rows of that flush not stored. */
  onError?: (error: Error, lostRows: number) => void;
}

/** The registry, run store and prediction log of one process, on one backend. */
export interface Stores {
  /** Which backend they are on. */
  kind: 'filesystem' | 'postgres';
  registry: ModelRegistry;
  runs: RunStore;
  /**
   * The prediction log's reading side (windows, prune): `PredictionLogReader` on the
   * segments under `<home>/predictions`, or `PostgresPredictionLogReader` on the table.
   */
  predictionLog: PredictionLogWindows;
  /**
   * A writer on this backend's prediction log (the API's): this process's own segments
   * under `<home>/predictions`, or COPY batches into `prediction_log`. `close()` of the
   * stores closes (flushes) the writers opened here that are still open, before the database.
   */
  openPredictionLog(options?: PredictionLogSinkOptions): PredictionLogSink;
  /**
   * Hears registry changes as they commit (LISTEN/NOTIFY, see `watchRegistry`); undefined on
   * the filesystem, which has no notifications (poll `aliasStamp` there), and on an injected
   * server `Database` whose URL this factory does not know. `close()` closes the watchers too.
   */
  watch?: (options: WatchRegistryOptions) => RegistryWatcher;
  /** PostgreSQL: what the start-up migration did (the schema version, and what it applied). */
  migration?: MigrateResult;
  /**
   * Closes what this factory opened: the writers and watchers opened through it, then the
   * connections (none on the filesystem; an injected database stays open); idempotent.
   */
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
  const opened = new OpenedThings();
  const source = owned
    ? (options.database as DatabaseConfig).url
    : db instanceof PGliteDatabase
      ? db
      : undefined;
  return {
    kind: 'postgres',
    registry: new ModelRegistry(new PostgresRegistryStore(db)),
    runs: new PostgresRunStore(db),
    predictionLog: new PostgresPredictionLogReader(db),
    openPredictionLog: (sinkOptions = {}) =>
      opened.add(new PostgresPredictionLogWriter({ db, ...sinkOptions })),
    watch:
      source === undefined ? undefined : (watchOptions) => opened.add(watchRegistry(source, watchOptions)),
    migration,
    close: () => opened.close(owned ? () => db.close() : async () => {}),
  };
}

/** What a factory opened and closes: writers and watchers first, then its connections, once. */
class OpenedThings {
  private readonly things = new Set<{ close(): Promise<void> }>();
  private closed: Promise<void> | undefined;

  add<T extends { close(): Promise<void> }>(thing: T): T {
    this.things.add(thing);
    return thing;
  }

  close(last: () => Promise<void>): Promise<void> {
    // Closing a writer twice is harmless (it flushed already), so those the caller closed stay listed.
    this.closed ??= Promise.allSettled([...this.things].map((thing) => thing.close())).then(
      async (results) => {
        await last();
        const failed = results.find((result) => result.status === 'rejected');
        if (failed) throw (failed as PromiseRejectedResult).reason;
      },
    );
    return this.closed;
  }
}

/**
 * The filesystem stores under `home` (the embedded default), opened synchronously: what
 * {@link openStores} returns without a database, for the few callers that cannot wait.
 */
export function fileSystemStores(home: string): Stores {
  const layout = storeLayout(home);
  const opened = new OpenedThings();
  return {
    kind: 'filesystem',
    registry: new ModelRegistry(new FileSystemStore(layout.models)),
    runs: new FileSystemRunStore(layout.runs),
    predictionLog: new PredictionLogReader(layout.predictions),
    openPredictionLog: (sinkOptions = {}) =>
      opened.add(new PredictionLogWriter({ dir: layout.predictions, ...sinkOptions })),
    close: () => opened.close(async () => {}),
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
