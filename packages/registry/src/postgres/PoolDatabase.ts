import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';
import { DatabaseOver, type Queryable, type QueryResult } from './Database';

const INT8_OID = 20;

/** `int8` as a number (counts, ids), refused past 2^53 rather than silently rounded. */
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value))
    throw new RangeError(`int8 value ${text} does not fit a JavaScript number`);
  return value;
}

// Per pool, not pg's global type table, so no other user of `pg` in the process is affected.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
      const result = await client.query(sql, params as unknown[]);
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
    },
    async exec(sql: string): Promise<void> {
      // Without parameters pg uses the simple query protocol, which takes several statements.
      await client.query(sql);
    },
  };
}

/** Where the server is and how many connections to hold. */
export interface PoolDatabaseOptions {
  /** A `postgres://` URL (see `readDatabaseConfig`). */
  connectionString: string;
  /**
   * Most connections open at once.
   * @default 10
   */
  max?: number;
  /**
   * How long to wait for a connection before failing.
   * @default 10000
   */
  connectionTimeoutMillis?: number;
}

/** A PostgreSQL server through a `pg.Pool` (node-postgres). */
export class PoolDatabase extends DatabaseOver {
  private readonly pool: pg.Pool;

  constructor(options: PoolDatabaseOptions) {
    const pool = new pg.Pool({ connectionTimeoutMillis: 10_000, ...options, types });
    // An idle client whose server connection drops emits 'error'; unhandled, it would end the process.
    pool.on('error', () => {});
    super(wrap(pool));
    this.pool = pool;
  }

  async transaction<T>(task: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await task(wrap(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      // A connection that cannot even roll back is discarded, not returned to the pool.
      await client.query('ROLLBACK').catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async copyFrom(sql: string, data: string): Promise<number> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      const copy = client.query(copyFromStdin(sql));
      await pipeline(Readable.from([data]), copy);
      return copy.rowCount;
    } catch (error) {
      // A connection whose COPY failed mid-stream is not trusted again.
      broken = error as Error;
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
