import { Client } from 'pg';

/** The server `test:postgres` points the tests at (`MLOPS_TEST_DATABASE_URL`); unset outside it. */
export const testServerUrl = process.env.MLOPS_TEST_DATABASE_URL || undefined;

/** A database of its own on the test server, and how to drop it. */
export interface ServerTestDatabase {
  /** Its URL, as `MLOPS_DATABASE_URL` would be set. */
  url: string;
  /** Drops it, closing whatever connections are still open on it. */
  drop(): Promise<void>;
}

let created = 0;

/**
 * Creates an empty database on the server of `adminUrl`, named after the jest worker and
 * this process so that parallel workers and repeated runs never share one. The apps'
 * end-to-end tests set `MLOPS_DATABASE_URL` to its `url`.
 */
export async function serverTestDatabase(adminUrl = testServerUrl): Promise<ServerTestDatabase> {
  if (!adminUrl)
    throw new Error('MLOPS_TEST_DATABASE_URL is not set: run the test through `pnpm test:postgres`');
  created += 1;
  const name = `mlops_e2e_w${process.env.JEST_WORKER_ID ?? 0}_${process.pid}_${created}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`DROP DATABASE IF EXISTS ${name}`);
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
