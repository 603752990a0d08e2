import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { ApiError } from './ApiError';

/** Options of {@link rateLimitPerClient}. */
export interface RateLimitOptions {
  /** Requests per client per window; 0 turns the limit off. */
  limit: number;
  /** @default 60000 */
  windowMs?: number;
}

/** Paths that probes and scrapers call on a schedule: never limited. */
const UNLIMITED = new Set(['/health', '/ready', '/metrics']);

/**
 * Limits requests per client IP (`req.ip`; set Express's `trust proxy` behind a
 * proxy) with express-rate-limit's in-memory store, answering 429 in the API's error
 * format with `RateLimit` and `Retry-After` headers. Per process: with N workers or
 * replicas a client gets up to N times the limit.
 */
export function rateLimitPerClient(options: RateLimitOptions): RequestHandler {
  if (options.limit <= 0) return (_req, _res, next) => next();
  const windowMs = options.windowMs ?? 60_000;
  return rateLimit({
    windowMs,
    limit: options.limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    skip: (req) => UNLIMITED.has(req.path),
    handler: (_req, _res, next) =>
      next(
        new ApiError(
          429,
          'rate_limited',
          `more than ${options.limit} requests in ${windowMs / 1000} s from this client (MLOPS_RATE_LIMIT): retry later`,
        ),
      ),
  });
}
