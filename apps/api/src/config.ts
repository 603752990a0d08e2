import type { LogLevel } from '@mlops/logger';
import { defaultHome } from '@mlops/registry';

/** The API's settings, read from the environment once, here. */
export interface ApiConfig {
  port: number;
  /** Store root (`MLOPS_HOME`). */
  home: string;
  /** The model `POST /predict` serves (`MLOPS_MODEL`). */
  defaultModel: string;
  /** Bearer token of the admin routes; without one they are off (`MLOPS_API_KEY`). */
  apiKey?: string;
  logLevel: LogLevel;
  /** Largest JSON body accepted (`MLOPS_BODY_LIMIT`). */
  bodyLimit: string;
  /** How often the production alias is checked, in ms. */
  watchIntervalMs: number;
}

const levels: readonly LogLevel[] = ['error', 'warn', 'info', 'debug'];

/** Reads and checks the environment; each bad variable is named with its fix. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const problems: string[] = [];
  const port = Number(env.PORT ?? 8000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    problems.push(`PORT='${env.PORT}' must be a port number (0-65535)`);
  const logLevel = (env.LOG_LEVEL ?? 'info') as LogLevel;
  if (!levels.includes(logLevel))
    problems.push(`LOG_LEVEL='${env.LOG_LEVEL}' must be one of ${levels.join(', ')}`);
  const defaultModel = env.MLOPS_MODEL ?? 'churn';
  if (!/^[a-z0-9][a-z0-9_-]{0,63}$/.test(defaultModel))
    problems.push(`MLOPS_MODEL='${defaultModel}' is not a model name`);
  if (problems.length) throw new Error(`bad environment: ${problems.join('; ')}`);
  return {
    port,
    home: env.MLOPS_HOME || defaultHome(__dirname),
    defaultModel,
    apiKey: env.MLOPS_API_KEY || undefined,
    logLevel,
    bodyLimit: env.MLOPS_BODY_LIMIT ?? '1mb',
    watchIntervalMs: 1000,
  };
}
