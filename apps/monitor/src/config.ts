import { isIP } from 'node:net';
import { type LogLevel, parseLogLevel } from '@mlops/logger';
import { type DatabaseConfig, defaultHome, isModelName, readDatabaseConfig } from '@mlops/registry';
import { MonitorError } from './errors';

/** The monitor's settings, read from the environment once, here. */
export interface MonitorConfig {
  /** Store root (`MLOPS_HOME`): the prediction log and reports, and the registry when `database` is unset. */
  home: string;
  /** The registry and runs on PostgreSQL instead of the folder (`MLOPS_DATABASE_URL`). */
  database?: DatabaseConfig;
  /** Model checked when `--model` is not given (`MLOPS_MODEL`). */
  defaultModel: string;
  /** Where relative paths start: the folder `pnpm` was called from. */
  cwd: string;
  logLevel: LogLevel;
  /** Dashboard port (`MONITOR_PORT`). */
  port: number;
  /** Address the dashboard binds (`MONITOR_HOST`): 127.0.0.1 unless told otherwise. */
  host: string;
  /**
   * The dashboard's key (`MLOPS_API_KEY`, "the UI's key when it is exposed"): when set,
   * every data route needs it (bearer header, or the login form's cookie).
   */
  apiKey?: string;
  /**
   * The API's salt for sensitive values (`MLOPS_HASH_SALT`): `--labels` hashes the
   * labels' sensitive id values with it to match the log's entity keys.
   */
  hashSalt?: string;
  /**
   * `monitor run --test ks`: current rows up to which KS uses every logged value, the
   * window's sketch beyond (`MONITOR_EXACT_ROWS`, default 1,000,000).
   */
  exactRows: number;
  /** The whole environment, handed to commands the monitor starts (`--on-retrain`). */
  env: NodeJS.ProcessEnv;
}

/** Reads and checks the environment; a bad variable is an error naming it. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): MonitorConfig {
  let logLevel: LogLevel;
  try {
    logLevel = parseLogLevel(env.LOG_LEVEL);
  } catch (error) {
    throw new MonitorError('bad-config', (error as Error).message);
  }
  const port = Number(env.MONITOR_PORT ?? 8501);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new MonitorError(
      'bad-config',
      `MONITOR_PORT='${env.MONITOR_PORT}' is not a port: use an integer from 0 to 65535`,
    );
  }
  const defaultModel = env.MLOPS_MODEL || 'churn';
  if (!isModelName(defaultModel)) {
    throw new MonitorError(
      'bad-config',
      `MLOPS_MODEL=${JSON.stringify(defaultModel)} is not a model name: use 1-64 lowercase letters, digits, '-' or '_', starting with a letter or digit`,
    );
  }
  const host = env.MONITOR_HOST || '127.0.0.1';
  if (host !== 'localhost' && isIP(host) === 0) {
    throw new MonitorError(
      'bad-config',
      `MONITOR_HOST='${host}' is not an address to bind: use an IP address, 127.0.0.1 (this machine only, the default) or 0.0.0.0 (every interface, needs MLOPS_API_KEY)`,
    );
  }
  const exactRows = Number(env.MONITOR_EXACT_ROWS || 1_000_000);
  if (!Number.isInteger(exactRows) || exactRows < 1) {
    throw new MonitorError(
      'bad-config',
      `MONITOR_EXACT_ROWS='${env.MONITOR_EXACT_ROWS}' is not a row count: use a positive integer (default 1000000)`,
    );
  }
  let database: DatabaseConfig | undefined;
  try {
    database = readDatabaseConfig(env);
  } catch (error) {
    throw new MonitorError('bad-config', (error as Error).message);
  }
  return {
    database,
    port,
    host,
    exactRows,
    apiKey: env.MLOPS_API_KEY || undefined,
    env,
    home: env.MLOPS_HOME || defaultHome(__dirname),
    defaultModel,
    cwd: env.INIT_CWD || process.cwd(),
    logLevel,
    hashSalt: env.MLOPS_HASH_SALT || undefined,
  };
}

/** Whether `host` only answers this machine: 127.0.0.0/8, ::1, or `localhost`. */
export function isLoopbackHost(host: string): boolean {
  const address = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (address === 'localhost' || address === '::1') return true;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return isIP(v4) === 4 && v4.startsWith('127.');
}

/**
 * Refuses to serve the dashboard on an address other machines reach without a key:
 * the log holds every request's features. One line naming the variables.
 */
export function checkDashboardAccess(config: Pick<MonitorConfig, 'host' | 'apiKey'>): void {
  if (config.apiKey || isLoopbackHost(config.host)) return;
  throw new MonitorError(
    'bad-config',
    `MONITOR_HOST=${config.host} serves the dashboard beyond this machine, so it needs a key: set MLOPS_API_KEY (e.g. openssl rand -hex 32), or MONITOR_HOST=127.0.0.1`,
  );
}
