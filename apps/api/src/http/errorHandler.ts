import type { Logger } from '@mlops/logger';
import { ValidateError } from '@tsoa/runtime';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ApiError } from './ApiError';

/** Turns every error into the JSON error body; unknown errors become a 500 without internals. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const apiError = toApiError(error);
    if (apiError.status >= 500) {
      logger.error('request failed', {
        requestId: res.locals.requestId,
        path: req.path,
        error: String(error?.stack ?? error),
      });
    }
    res.status(apiError.status).json({
      error: { code: apiError.code, message: apiError.message, details: apiError.details },
    });
  };
}

/** The 404 for every path no route serves. */
export const notFound: RequestHandler = (req, _res, next) => {
  next(new ApiError(404, 'not_found', `no route ${req.method} ${req.path}: see GET / for the routes`));
};

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof ValidateError) {
    const details = Object.entries(error.fields).map(([field, { message }]) => ({
      field: field.replace(/^body\.?/, '').replace(/\.\$(\d+)/g, '[$1]'),
      message,
    }));
    return new ApiError(422, 'validation_error', 'the request does not match the schema', details);
  }
  const httpError = error as { type?: string; status?: number; message?: string };
  if (httpError?.type === 'entity.parse.failed') {
    return new ApiError(400, 'invalid_json', 'the body is not valid JSON');
  }
  if (httpError?.type === 'entity.too.large') {
    return new ApiError(413, 'body_too_large', 'the body is larger than the limit (MLOPS_BODY_LIMIT)');
  }
  if (typeof httpError?.status === 'number' && httpError.status >= 400 && httpError.status < 500) {
    return new ApiError(httpError.status, 'bad_request', httpError.message ?? 'bad request');
  }
  return new ApiError(500, 'internal_error', 'internal error: see the server log for the request id');
}
