import type { RequestHandler } from 'express';
import { ApiError } from './ApiError';

/** Rejects a POST whose body is not declared as JSON, instead of reading it as empty. */
export const requireJson: RequestHandler = (req, _res, next) => {
  // req.is() is null for a bodiless request (e.g. an admin POST) and false for another type.
  if (req.method === 'POST' && req.is('application/json') === false) {
    next(
      new ApiError(
        415,
        'unsupported_media_type',
        "send the body as JSON with 'Content-Type: application/json'",
      ),
    );
    return;
  }
  next();
};
