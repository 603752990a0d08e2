import pg from 'pg';
import type { PGliteDatabase } from './PGliteDatabase';
import { REGISTRY_CHANNEL } from './registryChannel';

export { REGISTRY_CHANNEL };

/**
 * What a watcher reports: a model whose versions or aliases changed (re-read that
 * model), or a resync after the listening connection was lost and made again
 * (notifications sent meanwhile are gone: re-read every model).
 */
export type RegistryChange = { kind: 'model'; model: string } | { kind: 'resync' };

/** Options of {@link watchRegistry}. */
export interface WatchRegistryOptions {
  /** Called once per notification, and with `{ kind: 'resync' }` after each reconnect. */
  onChange: (change: RegistryChange) => void;
  /** Called when the listening connection fails or cannot be made again (it keeps trying). */
  onError?: (error: Error) => void;
  /**
   * First wait before reconnecting; doubled per failed attempt up to `maxReconnectDelayMs`.
   * @default 200
   */
  reconnectDelayMs?: number;
  /** @default 10000 */
  maxReconnectDelayMs?: number;
}

/** A running watcher. */
export interface RegistryWatcher {
  /** Resolves once the first LISTEN is in place: changes committed after it are heard. */
  readonly ready: Promise<void>;
  /** How many times the connection was made again (each followed by a resync). */
  readonly reconnects: number;
  /** Stops listening and closes the connection; no callback comes after it resolves. */
  close(): Promise<void>;
}

/**
 * Hears registry changes as they commit, without polling: `PostgresRegistryStore`
 * sends `pg_notify('mlops_registry', <model>)` in every registering or moving
 * transaction, and this holds one dedicated connection (never a pooled one: LISTEN
 * belongs to a session) listening on that channel. A lost connection is made again
 * with backoff, then `onChange({ kind: 'resync' })` tells the caller to re-read, since
 * notifications are not kept for absent listeners. `source` is a server URL
 * (`postgres://…`), or a PGlite database (same process, no reconnects). The
 * filesystem store has no notifications: callers keep polling `aliasStamp` there.
 */
export function watchRegistry(
  source: string | PGliteDatabase,
  options: WatchRegistryOptions,
): RegistryWatcher {
  return typeof source === 'string' ? new ServerWatcher(source, options) : pgliteWatcher(source, options);
}

class ServerWatcher implements RegistryWatcher {
  readonly ready: Promise<void>;
  reconnects = 0;
  private client: pg.Client | undefined;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  private markReady!: () => void;

  constructor(
    private readonly url: string,
    private readonly options: WatchRegistryOptions,
  ) {
    this.ready = new Promise((resolve) => {
      this.markReady = resolve;
    });
    void this.connect(options.reconnectDelayMs ?? 200, false);
  }

  private async connect(delay: number, again: boolean): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 10_000 });
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      client.removeAllListeners('notification');
      client.end().catch(() => undefined);
      if (this.closed) return;
      if (error) this.options.onError?.(error);
      this.schedule(delay, true);
    };
    client.on('error', onLost);
    client.on('end', () => onLost(new Error('the registry watcher lost its connection to PostgreSQL')));
    client.on('notification', (message) => {
      if (message.channel === REGISTRY_CHANNEL && message.payload && !this.closed)
        this.options.onChange({ kind: 'model', model: message.payload });
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${REGISTRY_CHANNEL}`);
    } catch (error) {
      onLost(error as Error);
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    // A connection that stays up resets the backoff for the next loss.
    delay = this.options.reconnectDelayMs ?? 200;
    if (again) {
      this.reconnects += 1;
      this.options.onChange({ kind: 'resync' });
    }
    this.markReady();
  }

  private schedule(delay: number, again: boolean): void {
    this.client = undefined;
    const max = this.options.maxReconnectDelayMs ?? 10_000;
    this.timer = setTimeout(() => void this.connect(Math.min(delay * 2, max), again), delay);
    this.timer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.client?.end().catch(() => undefined);
  }
}

function pgliteWatcher(db: PGliteDatabase, options: WatchRegistryOptions): RegistryWatcher {
  const { listen } = db.pglite;
  if (!listen)
    throw new TypeError('this PGlite instance has no listen(): use @electric-sql/pglite 0.2 or later');
  let closed = false;
  const unlisten = listen.call(db.pglite, REGISTRY_CHANNEL, (payload) => {
    if (!closed && payload) options.onChange({ kind: 'model', model: payload });
  });
  return {
    ready: unlisten.then(() => undefined),
    reconnects: 0,
    async close() {
      closed = true;
      await (await unlisten)();
    },
  };
}
