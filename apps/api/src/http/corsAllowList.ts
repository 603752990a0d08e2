import type { RequestHandler } from 'express';

/**
 * CORS for an explicit list of origins (`MLOPS_CORS_ORIGINS`). With an empty list
 * it adds nothing, so browsers on other origins cannot read answers: CORS is off
 * unless asked for. Preflight requests of allowed origins get a 204.
 */
export function corsAllowList(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);
  return (req, res, next) => {
    const origin = req.get('origin');
    if (allowed.size === 0 || !origin || !(allowed.has(origin) || allowed.has('*'))) {
      next();
      return;
    }
    res.setHeader('Access-Control-Allow-Origin', allowed.has('*') ? '*' : origin);
    res.setHeader('Vary', 'Origin');
    res.setHeader('Access-Control-Expose-Headers', 'X-Request-Id');
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
      res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization, X-Request-Id');
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    next();
  };
}
