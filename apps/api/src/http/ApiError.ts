import { type CodeOf, codedErrorClass } from '@mlops/features';
/** One problem with a request, e.g. a field and what is wrong with it. */
export interface ErrorDetail {
  field?: string;
  message: string;
}

/**
 * Every `error.code` the API answers with: the contract with HTTP callers, who
 * branch on it (never on the message). A runtime list, so tests can check that
 * every library error code maps to one of them; a new code is added here first.
 */
export const apiErrorCodes = [
  // the request itself
  'validation_error',
  'invalid_json',
  'unsupported_media_type',
  'body_too_large',
  'batch_too_large',
  'invalid_model_name',
  'bad_request',
  'rate_limited',
  'not_found',
  // serving
  'model_not_found',
  'not_explainable',
  // admin
  'admin_disabled',
  'unauthorized',
  'unknown_model',
  'unknown_version',
  'unknown_alias',
  'archived',
  'corrupt_version',
  'gate_failed',
  'bad_gate',
  'nothing_to_roll_back',
  'registry_busy',
  // the server's own fault: the message says no more than where to look
  'internal_error',
] as const;

/** One of {@link apiErrorCodes}. */
export type ApiErrorCode = CodeOf<typeof ApiError>;

/** An error that becomes an HTTP response: `{"error": {"code", "message", "details"}}`. */
export class ApiError extends codedErrorClass('ApiError', apiErrorCodes) {
  constructor(
    readonly status: number,
    code: ApiErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}
