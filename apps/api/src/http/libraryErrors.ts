import { FeaturesError, type FeaturesErrorCode } from '@mlops/features';
import { ModelsError, type ModelsErrorCode } from '@mlops/models';
import { RegistryError, type RegistryErrorCode } from '@mlops/registry';
import { ApiError, type ApiErrorCode, type ErrorDetail } from './ApiError';

/** What one library error code becomes over HTTP. */
export interface HttpMapping {
  status: number;
  code: ApiErrorCode;
  /**
   * Said instead of the library's message. 5xx answers always say this (or, for
   * `internal_error`, the generic text with the request id): their causes are the
   * server's business, and library messages may name files.
   */
  message?: string;
}

const internal: HttpMapping = { status: 500, code: 'internal_error' };

/**
 * Every `@mlops/registry` code. Typed `Record<RegistryErrorCode, …>`, so a code
 * added to the registry does not compile here until it is mapped. Codes the API's
 * calls cannot cause from a request (runs, queries) are the server's fault.
 */
export const registryErrorHttp: Record<RegistryErrorCode, HttpMapping> = {
  'bad-name': { status: 400, code: 'invalid_model_name' },
  'bad-path': { status: 400, code: 'invalid_model_name' },
  'unknown-model': { status: 404, code: 'unknown_model' },
  'unknown-version': { status: 404, code: 'unknown_version' },
  'unknown-alias': { status: 404, code: 'unknown_alias' },
  // The version exists but its files are damaged: a state to repair, not a missing thing.
  'corrupt-version': { status: 409, code: 'corrupt_version' },
  // The message is the API's own (AdminService): the registry's speaks to the CLI ("--force").
  'gate-failed': { status: 409, code: 'gate_failed' },
  'bad-gate': { status: 409, code: 'bad_gate' },
  'lock-timeout': {
    status: 503,
    code: 'registry_busy',
    message:
      'another process is changing this model in the registry (its lock is held): retry in a few seconds',
  },
  storage: internal,
  'bad-query': internal,
  'unknown-run': internal,
  archived: { status: 409, code: 'archived' },
};

/**
 * Every `@mlops/models` code. At request time the validator has already checked
 * the row, so a model that refuses it (`bad-input`) is the server's fault, not the
 * caller's; the other codes come from training or loading, never from a request.
 */
export const modelsErrorHttp: Record<ModelsErrorCode, HttpMapping> = {
  'bad-argument': internal,
  'bad-params': internal,
  'unknown-model': internal,
  'bad-model-file': internal,
  'model-format-version': internal,
  'bad-input': internal,
  'not-converged': internal,
  'fit-failed': internal,
};

/** Every `@mlops/features` code: the API reads no files or datasets for a request, so all are the server's. */
export const featuresErrorHttp: Record<FeaturesErrorCode, HttpMapping> = {
  'missing-column': internal,
  'duplicate-column': internal,
  'wrong-column-type': internal,
  'bad-file': internal,
  'bad-csv': internal,
  'unknown-dataset': internal,
  'bad-argument': internal,
  'quality-gate-failed': internal,
  'bad-preprocessor': internal,
  'bad-schema': internal,
  'bad-time': internal,
  'too-many-categories': internal,
};

/** The registry call an error came from, when that changes what the code means. */
export type RegistryCall = 'promote' | 'rollback';

/**
 * Codes whose meaning depends on the call: `rollback` (to the previous version)
 * throws `unknown-version` only when there is no earlier production version, a
 * conflict with the model's state rather than a missing version.
 */
export const registryErrorHttpByCall: Record<
  RegistryCall,
  Partial<Record<RegistryErrorCode, HttpMapping>>
> = {
  promote: {},
  rollback: { 'unknown-version': { status: 409, code: 'nothing_to_roll_back' } },
};

/** An error of one of the domain packages, which carries a code of its package's list. */
export type LibraryError = RegistryError | ModelsError | FeaturesError;

export function isLibraryError(error: unknown): error is LibraryError {
  return error instanceof RegistryError || error instanceof ModelsError || error instanceof FeaturesError;
}

/** The table entry of a library error, in the context of `call` when given. */
export function httpMappingOf(error: LibraryError, call?: RegistryCall): HttpMapping {
  if (error instanceof RegistryError)
    return (call && registryErrorHttpByCall[call][error.code]) || registryErrorHttp[error.code];
  if (error instanceof ModelsError) return modelsErrorHttp[error.code];
  return featuresErrorHttp[error.code];
}

/**
 * The HTTP answer of a library error: 4xx carry the library's one-line message
 * (it names the fix), 5xx only the table's text. `internal_error` messages are
 * written by the error handler, which knows the request id.
 */
export function apiErrorOf(error: LibraryError, call?: RegistryCall, details: ErrorDetail[] = []): ApiError {
  const mapping = httpMappingOf(error, call);
  const message = mapping.message ?? (mapping.status < 500 ? error.message : 'internal error');
  return new ApiError(mapping.status, mapping.code, message, details, { cause: error });
}
