import { RegistryError } from '../errors';

/** Where the PostgreSQL store is, as read from the environment. */
export interface DatabaseConfig {
  /** The `postgres://` URL as given (it may hold a password: never print it; see {@link redactDatabaseUrl}). */
  url: string;
}

const VARIABLE = 'MLOPS_DATABASE_URL';

/** The URL with its password replaced by `***`, for messages and logs. */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/^((?:[a-z][a-z0-9+.-]*:\/\/)?[^:/@]*:)[^@/]*@/i, '$1***@');
}

/**
 * Reads `MLOPS_DATABASE_URL` from `env` (the app's `config.ts` passes `process.env`).
 * Unset or empty: `undefined`, the filesystem store under `MLOPS_HOME` stays in use.
 * Anything but `postgres://USER@HOST[:PORT]/DATABASE` (or `postgresql://`) is a
 * `RegistryError('storage')` naming the variable and the form to write.
 */
export function readDatabaseConfig(
  env: Readonly<Record<string, string | undefined>>,
): DatabaseConfig | undefined {
  const url = env[VARIABLE]?.trim();
  if (!url) return undefined;
  const problem = urlProblem(url);
  if (problem) {
    throw new RegistryError(
      'storage',
      `${VARIABLE} '${redactDatabaseUrl(url)}' ${problem}: write postgres://USER@HOST[:PORT]/DATABASE (a password may follow USER after a colon), or unset it to use the filesystem store under MLOPS_HOME`,
    );
  }
  return { url };
}

function urlProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
    return `has the scheme '${url.protocol.slice(0, -1)}', not postgres`;
  if (url.hostname === '') return 'names no host';
  if (url.port !== '' && !(Number(url.port) >= 1 && Number(url.port) <= 65535)) return 'has a bad port';
  if (url.pathname.length <= 1) return 'names no database';
  return undefined;
}
