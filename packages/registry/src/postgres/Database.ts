/** The rows a statement returned and how many rows it touched (`INSERT`/`UPDATE`/`DELETE`). */
export interface QueryResult<Row> {
  rows: Row[];
  rowCount: number;
}

/** Something statements can be sent to: a database, or one transaction on it. */
export interface Queryable {
  /**
   * Runs one statement with `$1, $2…` bound to `params` (never spliced into the text).
   * `int8` columns come back as numbers, `jsonb` parsed, `timestamptz` as `Date`.
   */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>>;
  /** Runs a script of several statements without parameters (a migration). */
  exec(sql: string): Promise<void>;
}

/**
 * A PostgreSQL database, the same to callers whether it is a server reached through a
 * `pg.Pool` ({@link PoolDatabase}) or PGlite in this process ({@link PGliteDatabase}).
 */
export interface Database extends Queryable {
  /**
   * Runs `task` in one transaction on one connection: committed when it resolves,
   * rolled back when it throws (the error is rethrown). Statements of the transaction
   * go through the `tx` it is given, never through the database itself.
   */
  transaction<T>(task: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs `COPY <table> (…) FROM STDIN …` (the `sql`) with `data` as its input, on one
   * connection; resolves to the rows copied. A COPY is one statement: all rows or none.
   */
  copyFrom(sql: string, data: string): Promise<number>;
  /** Closes the connections; the database cannot be used afterwards. */
  close(): Promise<void>;
}

/** A database whose statements outside transactions go to one {@link Queryable} (its pool or session). */
export abstract class DatabaseOver implements Database {
  protected constructor(private readonly direct: Queryable) {}

  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>> {
    return this.direct.query<Row>(sql, params);
  }

  exec(sql: string): Promise<void> {
    return this.direct.exec(sql);
  }

  abstract transaction<T>(task: (tx: Queryable) => Promise<T>): Promise<T>;
  abstract copyFrom(sql: string, data: string): Promise<number>;
  abstract close(): Promise<void>;
}
