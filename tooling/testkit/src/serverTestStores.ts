import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ServerTestDatabase, serverTestDatabase } from './serverTestDatabase';

/** What {@link serverTestStores} opens: `@mlops/registry`'s `openStores` (the test kit does not depend on the registry). */
export type OpenStores<S> = (options: { home: string; database: { url: string } }) => Promise<S>;

/** A store as the apps open it with `MLOPS_DATABASE_URL` set, on a database of its own. */
export interface ServerTestStores<S extends { close(): Promise<void> }> {
  database: ServerTestDatabase;
  /** A fresh `MLOPS_HOME` (reports and caches still land here). */
  home: string;
  stores: S;
  /** Closes the stores, drops the database and removes the folder. */
  close(): Promise<void>;
}

/**
 * {@link serverTestDatabase} and a temp `MLOPS_HOME` named after `prefix`, opened with
 * `open` (`openStores`) as the apps open them: what a `*.server.test.ts` sets up in
 * `beforeAll` (and undoes with `close` in `afterAll`).
 */
export async function serverTestStores<S extends { close(): Promise<void> }>(
  prefix: string,
  open: OpenStores<S>,
): Promise<ServerTestStores<S>> {
  const database = await serverTestDatabase();
  const home = mkdtempSync(join(tmpdir(), prefix));
  const stores = await open({ home, database: { url: database.url } });
  return {
    database,
    home,
    stores,
    async close() {
      await stores.close();
      await database.drop();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
