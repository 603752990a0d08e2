import type { LogLevel } from './createLogger';

/** The levels the apps log at, most severe first. */
export const logLevels: readonly LogLevel[] = ['error', 'warn', 'info', 'debug'];

/**
 * Reads `LOG_LEVEL` as every app takes it: unset or empty is `info`; anything
 * but a known level is a `RangeError` whose message names the variable, the value
 * and the levels there are, for the app's config to report as it reports others.
 */
export function parseLogLevel(raw: string | undefined): LogLevel {
  if (raw === undefined || raw === '') return 'info';
  if ((logLevels as readonly string[]).includes(raw)) return raw as LogLevel;
  throw new RangeError(`LOG_LEVEL='${raw}' is not a level: use one of ${logLevels.join(', ')}`);
}
