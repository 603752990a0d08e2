import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';

const SAFE_ID = /^[\w.:-]{1,128}$/;

/**
 * Takes the caller's `X-Request-Id` (when it is a sane token) or makes a UUID,
 * keeps it in `res.locals.requestId` and echoes it as a header; returns it.
 */
export function assignRequestId(req: Request, res: Response): string {
  const given = req.get('x-request-id');
  const id = given && SAFE_ID.test(given) ? given : randomUUID();
  res.locals.requestId = id;
  res.setHeader('X-Request-Id', id);
  return id;
}

/** {@link assignRequestId} as a middleware. */
export const requestId: RequestHandler = (req, res, next) => {
  assignRequestId(req, res);
  next();
};
