import { type AlertLevel, DriftError, type DriftErrorCode } from '@mlops/drift';
import { FeaturesError, type FeaturesErrorCode } from '@mlops/features';
import { ModelsError, type ModelsErrorCode } from '@mlops/models';
import { RegistryError, type RegistryErrorCode } from '@mlops/registry';
import { MonitorError, type MonitorErrorCode } from './errors';

/** The exit codes of `monitor run` and `monitor drift` (ARCHITECTURE.md). */
export const EXIT = { stable: 0, watch: 1, retrain: 2, failed: 3, nothingToCompare: 4 } as const;

const { failed, nothingToCompare } = EXIT;

/**
 * One number (an exit code, an HTTP status) for every error code of every package
 * the monitor calls, and its own. Typed as `Record<Code, number>`: a code added to
 * a package does not compile in a table until it is mapped.
 */
export interface ErrorCodeTables {
  monitor: Record<MonitorErrorCode, number>;
  drift: Record<DriftErrorCode, number>;
  features: Record<FeaturesErrorCode, number>;
  registry: Record<RegistryErrorCode, number>;
  models: Record<ModelsErrorCode, number>;
}

/** Every error code the monitor can meet, mapped to one exit code. */
export const exitCodeTables: ErrorCodeTables = {
  monitor: {
    'nothing-to-compare': nothingToCompare,
    // Too few rows to judge is not a failure of the check: nothing was compared (ARCHITECTURE.md: 4).
    'too-few-rows': nothingToCompare,
    'bad-config': failed,
    'bad-model-name': failed,
    'unknown-model': failed,
    'bad-query': failed,
    'bad-body': failed,
  },
  drift: {
    'nothing-to-compare': nothingToCompare,
    // A column asked for by name (`--columns`) with no values on one side.
    'empty-sample': nothingToCompare,
    'bad-argument': failed,
    'unknown-test': failed,
    'test-not-applicable': failed,
    'incompatible-profiles': failed,
  },
  features: {
    'missing-column': failed,
    'duplicate-column': failed,
    'wrong-column-type': failed,
    'bad-file': failed,
    'bad-csv': failed,
    'unknown-dataset': failed,
    'bad-argument': failed,
    'quality-gate-failed': failed,
    'bad-preprocessor': failed,
    'bad-schema': failed,
    'bad-time': failed,
    'too-many-categories': failed,
  },
  registry: {
    'bad-name': failed,
    'bad-path': failed,
    'unknown-model': failed,
    'unknown-version': failed,
    'unknown-alias': failed,
    'corrupt-version': failed,
    'gate-failed': failed,
    'bad-gate': failed,
    'lock-timeout': failed,
    storage: failed,
    'bad-query': failed,
    'unknown-run': failed,
    archived: failed,
  },
  models: {
    'bad-argument': failed,
    'bad-params': failed,
    'unknown-model': failed,
    'bad-model-file': failed,
    'model-format-version': failed,
    'bad-input': failed,
    'not-converged': failed,
    'fit-failed': failed,
  },
};

/** The package an error comes from and its code, when it is one of the domain errors. */
export function domainError(error: unknown): { source: keyof ErrorCodeTables; code: string } | undefined {
  if (error instanceof MonitorError) return { source: 'monitor', code: error.code };
  if (error instanceof DriftError) return { source: 'drift', code: error.code };
  if (error instanceof FeaturesError) return { source: 'features', code: error.code };
  if (error instanceof RegistryError) return { source: 'registry', code: error.code };
  if (error instanceof ModelsError) return { source: 'models', code: error.code };
  return undefined;
}

/** The exit code of a failed run: the table's, or 3 for anything unexpected. */
export function exitCodeForError(error: unknown): number {
  const known = domainError(error);
  if (!known) return failed;
  return (exitCodeTables[known.source] as Record<string, number>)[known.code] ?? failed;
}

/** The exit code of a verdict CI acts on: 0 stable, 1 watch, 2 retrain. */
export function exitCodeForLevel(level: AlertLevel): number {
  return EXIT[level];
}
