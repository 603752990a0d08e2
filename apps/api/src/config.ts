import { availableParallelism } from 'node:os';
import { type LogLevel, parseLogLevel } from '@mlops/logger';
import { type DatabaseConfig, defaultHome, isModelName, readDatabaseConfig } from '@mlops/registry';

/**
 * What happens to features the schema marks `sensitive` before a prediction is
 * logged: left out, hashed, or (numeric ones) replaced by their reference-histogram
 * bin index, categorical ones hashed. Sensitive id columns are hashed in every mode.
 */
export type SensitiveFieldMode = 'drop' | 'hash' | 'bin';
const sensitiveFieldModes: readonly SensitiveFieldMode[] = ['drop', 'hash', 'bin'];

/** The API's settings, read from the environment once, here. */
export interface ApiConfig {
  port: number;
  /** Store root (`MLOPS_HOME`): the registry and the prediction log when `database` is unset. */
  home: string;
  /** The registry and the prediction log on PostgreSQL instead of the folder (`MLOPS_DATABASE_URL`). */
  database?: DatabaseConfig;
  /** The model `POST /predict` serves (`MLOPS_MODEL`). */
  defaultModel: string;
  /** Bearer token of the admin routes; without one they are off (`MLOPS_API_KEY`). */
  apiKey?: string;
  logLevel: LogLevel;
  /**
   * One access-log line per this many successful (status < 400) requests; every
   * refused or failed request is logged whatever it is (`MLOPS_ACCESS_LOG_SAMPLE`). @default 1
   */
  accessLogSample: number;
  /** Largest JSON body accepted (`MLOPS_BODY_LIMIT`). */
  bodyLimit: string;
  /** Largest JSON body accepted by the batch routes (`MLOPS_BATCH_BODY_LIMIT`). */
  batchBodyLimit: string;
  /** Most rows in one batch request (`MLOPS_BATCH_LIMIT`). */
  batchLimit: number;
  /** Most shadow scorings waiting off the response path (`MLOPS_SHADOW_QUEUE_LIMIT`); more are dropped and counted. */
  shadowQueueLimit: number;
  /** Longest text value (or field name) of a request, in characters (`MLOPS_MAX_TEXT_LENGTH`). @default 1000 */
  maxTextLength: number;
  /** Most fields in one instance (a request body, or one batch row) (`MLOPS_MAX_INSTANCE_KEYS`). @default 1000 */
  maxInstanceKeys: number;
  /** Requests per client (IP) per window; 0 turns rate limiting off (`MLOPS_RATE_LIMIT`). @default 6000 */
  rateLimit: number;
  /** The rate limit's window in ms (`MLOPS_RATE_WINDOW_MS`). */
  rateWindowMs: number;
  /** Origins allowed to call the API from a browser; empty is CORS off (`MLOPS_CORS_ORIGINS`). */
  corsOrigins: string[];
  /** Drop, hash or bin sensitive features in the prediction log (`MLOPS_SENSITIVE_FIELDS`). */
  sensitiveFields: SensitiveFieldMode;
  /**
   * Salt of the sensitive-field hash (`MLOPS_HASH_SALT`): required with `hash`; with
   * `drop` and `bin`, required by a model that has something to hash (a sensitive id
   * column, or in `bin` a sensitive categorical feature), which is otherwise not served.
   */
  hashSalt?: string;
  /** Worker processes; 1 runs without node:cluster (`WEB_CONCURRENCY`). */
  workers: number;
  /**
   * How often the production alias is polled, in ms (`MLOPS_WATCH_INTERVAL_MS`); on PostgreSQL
   * the LISTEN watcher reloads at once and this is the fallback. @default 1000
   */
  watchIntervalMs: number;
  /** Longest wait for requests in flight on shutdown before flushing anyway, in ms. */
  shutdownTimeoutMs: number;
}

const SIZE = /^\d+(\.\d+)?\s*(b|kb|mb|gb)?$/i;

/** Reads and checks the environment; each bad variable is named with its fix. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name}='${raw}' must be a whole number from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };
  const size = (name: string, fallback: string): string => {
    const raw = env[name] ?? fallback;
    if (!SIZE.test(raw)) problems.push(`${name}='${raw}' must be a size such as 1mb, 512kb or 100000`);
    return raw;
  };
  const port = int('PORT', 8000, 0, 65535);
  let logLevel: LogLevel = 'info';
  try {
    logLevel = parseLogLevel(env.LOG_LEVEL);
  } catch (error) {
    problems.push((error as Error).message);
  }
  const defaultModel = env.MLOPS_MODEL ?? 'churn';
  if (!isModelName(defaultModel)) problems.push(`MLOPS_MODEL='${defaultModel}' is not a model name`);
  const sensitiveFields = (env.MLOPS_SENSITIVE_FIELDS ?? 'drop') as SensitiveFieldMode;
  if (!sensitiveFieldModes.includes(sensitiveFields))
    problems.push(`MLOPS_SENSITIVE_FIELDS='${env.MLOPS_SENSITIVE_FIELDS}' must be 'drop', 'hash' or 'bin'`);
  const apiKey = env.MLOPS_API_KEY || undefined;
  // A key no `Authorization: Bearer <key>` header can carry would start admin routes nobody can open.
  if (apiKey !== undefined && apiKey.trim() === '')
    problems.push(
      'MLOPS_API_KEY is only whitespace, which no bearer token can match: set a secret (e.g. `openssl rand -hex 32`), or leave it empty to turn the admin routes off',
    );
  else if (apiKey !== undefined && /\s/.test(apiKey))
    problems.push(
      'MLOPS_API_KEY contains whitespace, which a bearer token cannot carry: set a secret without spaces or newlines (e.g. `openssl rand -hex 32`)',
    );
  let database: DatabaseConfig | undefined;
  try {
    database = readDatabaseConfig(env);
  } catch (error) {
    problems.push((error as Error).message);
  }
  const hashSalt = env.MLOPS_HASH_SALT || undefined;
  if (sensitiveFields === 'hash' && !hashSalt)
    problems.push('MLOPS_SENSITIVE_FIELDS=hash needs MLOPS_HASH_SALT (a secret string) to salt the hashes');
  // 'auto' is one worker per core, the usual meaning of WEB_CONCURRENCY on PaaS hosts.
  const workers = env.WEB_CONCURRENCY === 'auto' ? availableParallelism() : int('WEB_CONCURRENCY', 1, 1, 256);
  const config: ApiConfig = {
    port,
    home: env.MLOPS_HOME || defaultHome(__dirname),
    database,
    defaultModel,
    apiKey,
    logLevel,
    accessLogSample: int('MLOPS_ACCESS_LOG_SAMPLE', 1, 1, 1_000_000),
    bodyLimit: size('MLOPS_BODY_LIMIT', '1mb'),
    batchBodyLimit: size('MLOPS_BATCH_BODY_LIMIT', '20mb'),
    batchLimit: int('MLOPS_BATCH_LIMIT', 10_000, 1, 1_000_000),
    shadowQueueLimit: int('MLOPS_SHADOW_QUEUE_LIMIT', 1000, 1, 1_000_000),
    maxTextLength: int('MLOPS_MAX_TEXT_LENGTH', 1000, 1, 1_000_000),
    maxInstanceKeys: int('MLOPS_MAX_INSTANCE_KEYS', 1000, 1, 100_000),
    rateLimit: int('MLOPS_RATE_LIMIT', 6000, 0, 1_000_000_000),
    rateWindowMs: int('MLOPS_RATE_WINDOW_MS', 60_000, 1, 86_400_000),
    corsOrigins: (env.MLOPS_CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    sensitiveFields,
    hashSalt,
    workers,
    watchIntervalMs: int('MLOPS_WATCH_INTERVAL_MS', 1000, 50, 86_400_000),
    shutdownTimeoutMs: int('MLOPS_SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
  };
  if (problems.length) throw new Error(`bad environment: ${problems.join('; ')}`);
  return config;
}
