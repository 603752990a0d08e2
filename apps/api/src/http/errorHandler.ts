import type { Logger } from '@mlops/logger';
import { ValidateError } from '@tsoa/runtime';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ApiError } from './ApiError';
import { apiErrorOf, isLibraryError } from './libraryErrors';

/**
 * Turns every error into the JSON error body. Library errors go through the one
 * table of `libraryErrors.ts`; anything else is a 500 `internal_error` whose message
 * is generic text and the request id, never the error's own message or stack
 * (those go to the log, with the same request id).
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const apiError = toApiError(error);
    const requestId: string | undefined = res.locals.requestId;
    const cause = apiError === error ? apiError.cause : error;
    if (apiError.code === 'internal_error') {
      logger.error('request failed', {
        requestId,
        path: req.path,
        error: String((cause as Error | undefined)?.stack ?? cause ?? apiError.stack),
      });
    } else if (apiError.status >= 500) {
      // A known, temporary refusal (e.g. the registry is busy): one line, no stack.
      logger.warn('request refused', {
        requestId,
        path: req.path,
        status: apiError.status,
        code: apiError.code,
        error: cause instanceof Error ? cause.message : apiError.message,
      });
    }
    const message =
      apiError.code === 'internal_error'
        ? `internal error (request id ${requestId ?? 'none'}): see the server log for this request id`
        : apiError.message;
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(apiError.status).json({
      error: { code: apiError.code, message, details: apiError.details },
    });
  };
}

/** The 404 for every path no route serves. */
export const notFound: RequestHandler = (req, _res, next) => {
  next(new ApiError(404, 'not_found', `no route ${req.method} ${req.path}: see GET / for the routes`));
};

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (isLibraryError(error)) return apiErrorOf(error);
  if (error instanceof ValidateError) {
    const details = Object.entries(error.fields).map(([field, { message }]) => ({
      field: field.replace(/^body\.?/, '').replace(/\.\$(\d+)/g, '[$1]'),
      message,
    }));
    return new ApiError(422, 'validation_error', 'the request does not match the schema', details);
  }
  const httpError = error as { status?: number };
  if (typeof httpError?.status === 'number' && httpError.status >= 400 && httpError.status < 500) {
    // Express's own 4xx (e.g. a path parameter that is not valid percent-encoding).
    return new ApiError(
      httpError.status,
      'bad_request',
      'the request is malformed (e.g. bad percent-encoding in the path)',
    );
  }
  return new ApiError(500, 'internal_error', 'internal error', [], { cause: error });
}
