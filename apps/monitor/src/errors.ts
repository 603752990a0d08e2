import { type CodeOf, codedErrorClass } from '@mlops/features';
import { isModelName } from '@mlops/registry';
/** What the monitor itself refuses, in a form the CLI maps to exit codes and the dashboard to statuses. */
export const monitorErrorCodes = [
  /** No logged rows in the window, an empty file, no column to test: there is no verdict to give. */
  'nothing-to-compare',
  /** Fewer logged predictions than `--min-rows`: too little to judge drift, so nothing is compared. */
  'too-few-rows',
  /** An environment variable that cannot be used (MONITOR_HOST, MONITOR_PORT, LOG_LEVEL, a missing key). */
  'bad-config',
  /** A model name that breaks the registry's rule (`^[a-z0-9][a-z0-9_-]{0,63}$`). */
  'bad-model-name',
  /** A well-formed model name the registry does not hold (the dashboard checks the registry's list). */
  'unknown-model',
  /** A query of the UI's API that cannot be used (a `limit` that is not a whole number from 1 to 1000). */
  'bad-query',
  /** A request body of the UI's write routes that cannot be used (not JSON, too large, a bad version or reason). */
  'bad-body',
] as const;

/** One of {@link monitorErrorCodes}. */
export type MonitorErrorCode = CodeOf<typeof MonitorError>;

/**
 * The monitor's own error: `message` is one line naming what was wrong or empty
 * and the fix; `details` are the facts behind it for `--json` (model, counts…).
 */
export class MonitorError extends codedErrorClass('MonitorError', monitorErrorCodes) {
  constructor(
    code: MonitorErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}

/** Throws `bad-model-name` unless `name` follows the registry's rule; returns it. */
export function checkModelName(name: string): string {
  if (!isModelName(name)) {
    throw new MonitorError(
      'bad-model-name',
      `model name ${JSON.stringify(name)} is not allowed: use 1-64 lowercase letters, digits, '-' or '_', starting with a letter or digit`,
    );
  }
  return name;
}
