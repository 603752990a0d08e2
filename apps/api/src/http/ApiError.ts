/** One problem with a request, e.g. a field and what is wrong with it. */
export interface ErrorDetail {
  field?: string;
  message: string;
}

/** An error that becomes an HTTP response: `{"error": {"code", "message", "details"}}`. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}
