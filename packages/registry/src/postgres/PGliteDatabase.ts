import { DatabaseOver, type Queryable, type QueryResult } from './Database';

/** What this layer needs of a PGlite instance (`@electric-sql/pglite`), so the store never imports it. */
export interface PGliteLike {
  query<Row>(
    sql: string,
    params?: unknown[],
    options?: { blob?: Blob },
  ): Promise<{ rows: Row[]; affectedRows?: number }>;
  exec(sql: string): Promise<unknown>;
  transaction<T>(task: (tx: Pick<PGliteLike, 'query' | 'exec'>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** LISTEN on `channel` in this session (`watchRegistry`); resolves to the UNLISTEN. */
  listen?(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>>;
}

function wrap(target: Pick<PGliteLike, 'query' | 'exec'>): Queryable {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
      const result = await target.query<Row>(sql, [...params]);
      return { rows: result.rows, rowCount: result.affectedRows ?? 0 };
    },
    async exec(sql: string): Promise<void> {
      await target.exec(sql);
    },
  };
}

/**
 * PostgreSQL compiled to WebAssembly, in this process: a real PostgreSQL for tests on
 * machines without a server. It is one session, so its transactions run one at a time
 * and nothing here can be tested across processes.
 */
export class PGliteDatabase extends DatabaseOver {
  constructor(readonly pglite: PGliteLike) {
    super(wrap(pglite));
  }

  transaction<T>(task: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.pglite.transaction((tx) => task(wrap(tx)));
  }

  /** PGlite reads COPY input from a blob: `sql` names `STDIN`, which becomes its `/dev/blob`. */
  async copyFrom(sql: string, data: string): Promise<number> {
    const result = await this.pglite.query(sql.replace(/\bFROM STDIN\b/, "FROM '/dev/blob'"), [], {
      blob: new Blob([data]),
    });
    return result.affectedRows ?? 0;
  }

  close(): Promise<void> {
    return this.pglite.close();
  }
}
