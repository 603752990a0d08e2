import type { RequestHandler } from 'express';
import { ApiError } from './ApiError';
import { isJsonBody } from './isJsonBody';

/** Rejects a POST whose body is not declared as JSON, instead of reading it as empty. */
export const requireJson: RequestHandler = (req, _res, next) => {
  // req.is() is null for a bodiless request (e.g. an admin POST) and false for another
  // type; an explicit `Content-Length: 0` is a bodiless request too, whatever its type.
  const empty = req.headers['content-length'] === '0';
  if (req.method === 'POST' && !empty && isJsonBody(req) === false) {
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
