import type { Request } from 'express';

/**
 * `req.is('application/json')` with a fast path for the header nearly every client sends
 * as it is (`application/json`, no parameters): type-is parses the header on every
 * call, and a prediction asks twice (requireJson, then the body reader). `null` when the
 * request has no body, as `req.is` answers.
 */
export function isJsonBody(req: Request): string | false | null {
  const type = req.headers['content-type'];
  if (type === 'application/json' && (req.headers['content-length'] ?? '0') !== '0')
    return 'application/json';
  return req.is('application/json');
}
