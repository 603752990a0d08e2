import { FeaturesError, type FeaturesErrorCode, featuresErrorCodes } from '@mlops/features';
import { ModelsError, type ModelsErrorCode, modelsErrorCodes } from '@mlops/models';
import { RegistryError, type RegistryErrorCode, registryErrorCodes } from '@mlops/registry';
import { CliError } from './CliError';

/** The exit codes of `mlops` (../shared/ARCHITECTURE.md). */
export const EXIT = { done: 0, failed: 1, usage: 2, notPromoted: 3 } as const;

// Typed as records over each package's closed code union: a new code does not compile until it is mapped here.
const featuresExit: Record<FeaturesErrorCode, number> = {
  'missing-column': EXIT.failed,
  'duplicate-column': EXIT.failed,
  'wrong-column-type': EXIT.failed,
  'bad-file': EXIT.failed,
  'bad-csv': EXIT.failed,
  'unknown-dataset': EXIT.usage,
  'bad-argument': EXIT.usage,
  'quality-gate-failed': EXIT.failed,
  'bad-preprocessor': EXIT.failed,
  'bad-schema': EXIT.failed,
  'bad-time': EXIT.failed,
  'too-many-categories': EXIT.failed,
};

const modelsExit: Record<ModelsErrorCode, number> = {
  'bad-argument': EXIT.usage,
  'bad-params': EXIT.usage,
  'unknown-model': EXIT.usage,
  'bad-model-file': EXIT.failed,
  'model-format-version': EXIT.failed,
  'bad-input': EXIT.failed,
  'not-converged': EXIT.failed,
  'fit-failed': EXIT.failed,
};

const registryExit: Record<RegistryErrorCode, number> = {
  'bad-name': EXIT.usage,
  'bad-path': EXIT.usage,
  'unknown-model': EXIT.failed,
  'unknown-version': EXIT.failed,
  'unknown-alias': EXIT.failed,
  'corrupt-version': EXIT.failed,
  'gate-failed': EXIT.notPromoted,
  'bad-gate': EXIT.usage,
  'lock-timeout': EXIT.failed,
  storage: EXIT.failed,
  'bad-query': EXIT.usage,
  'unknown-run': EXIT.failed,
  archived: EXIT.failed,
};

/** Every library error code the trainer can meet and its exit code (a test checks every exported code is here). */
export const exitCodeTable = {
  features: featuresExit,
  models: modelsExit,
  registry: registryExit,
} as const;

/** The runtime lists the table must cover. */
export const libraryErrorCodes = {
  features: featuresErrorCodes,
  models: modelsErrorCodes,
  registry: registryErrorCodes,
} as const;

/**
 * The exit code of an error that reached the CLI's edge: a command's own
 * `CliError` says it; a library error by its code, from the table; anything
 * else is a failure (1). Nothing here reads message text.
 */
export function exitCodeFor(error: unknown): number {
  if (error instanceof CliError) return error.exitCode;
  if (error instanceof FeaturesError) return featuresExit[error.code];
  if (error instanceof ModelsError) return modelsExit[error.code];
  if (error instanceof RegistryError) return registryExit[error.code];
  return EXIT.failed;
}
