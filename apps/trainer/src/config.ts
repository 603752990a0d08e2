import { type LogLevel, parseLogLevel } from '@mlops/logger';
import { type DatabaseConfig, defaultHome, readDatabaseConfig } from '@mlops/registry';

/** The trainer's settings, read from the environment once, here. */
export interface TrainerConfig {
  /** Store root: registry, datasets, prediction logs (`MLOPS_HOME`). */
  home: string;
  /** Where relative paths given on the command line start: the folder `pnpm` was called from. */
  cwd: string;
  logLevel: LogLevel;
  /** The PostgreSQL store instead of the folder (`MLOPS_DATABASE_URL`); undefined: the filesystem store under `home`. */
  database?: DatabaseConfig;
}

/** Reads and checks the environment; a bad variable is an error naming it and its valid values. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): TrainerConfig {
  const logLevel = parseLogLevel(env.LOG_LEVEL);
  return {
    home: env.MLOPS_HOME || defaultHome(__dirname),
    cwd: env.INIT_CWD || process.cwd(),
    logLevel,
    database: readDatabaseConfig(env),
  };
}
