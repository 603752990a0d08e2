import { DriftError } from '@mlops/drift';
import { CommanderError } from 'commander';
import { MonitorError } from './errors';
import { domainError, EXIT } from './exitCodes';

/** What `monitor … --json` prints as its last line when the run ends without a verdict. */
export interface FailureJson {
  /** `nothing-to-compare` (exit 4) or `failed` (exit 3). */
  level: 'nothing-to-compare' | 'failed';
  exit_code: number;
  error: {
    /** The error's code (`too-few-rows`, `unknown-model`, …), `usage` for a bad flag, `internal` otherwise. */
    code: string;
    /** The package the code belongs to: monitor, drift, features, registry, models, or cli. */
    source: string;
    message: string;
    /** Facts behind the error (model, version, counts, the file). */
    details?: Readonly<Record<string, unknown>>;
    /** Drift: every column left out, and why. */
    skipped?: readonly { column: string; reason: string }[];
  };
}

/**
 * The one-line message and the JSON object of a failed run. A message of exit
 * code 4 always starts with "nothing to compare", whichever package threw it.
 */
export function describeFailure(error: unknown, exitCode: number): { message: string; json: FailureJson } {
  const first = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  const nothing = exitCode === EXIT.nothingToCompare;
  const message = nothing && !first.startsWith('nothing to compare') ? `nothing to compare: ${first}` : first;
  const known = domainError(error);
  const usage = error instanceof CommanderError;
  return {
    message,
    json: {
      level: nothing ? 'nothing-to-compare' : 'failed',
      exit_code: exitCode,
      error: {
        code: known?.code ?? (usage ? 'usage' : 'internal'),
        source: known?.source ?? 'cli',
        message: usage ? message.replace(/^error: /, '') : message,
        ...(error instanceof MonitorError && Object.keys(error.details).length
          ? { details: error.details }
          : {}),
        ...(error instanceof DriftError && error.skipped.length ? { skipped: error.skipped } : {}),
      },
    },
  };
}
