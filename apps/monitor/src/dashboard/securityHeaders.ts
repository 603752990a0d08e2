import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

/**
 * Helmet's headers for every dashboard response: a CSP of `default-src 'self'`
 * with no inline script (the page's script is a served file) and
 * `frame-ancestors 'none'`, `X-Content-Type-Options: nosniff`, `Referrer-Policy:
 * no-referrer`, `X-Frame-Options: DENY`. Helmet's default `upgrade-insecure-requests`
 * and HSTS are left out: the dashboard is served over plain HTTP unless a TLS proxy
 * sits in front, and that proxy owns HSTS.
 */
const applyHelmet = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  strictTransportSecurity: false,
  xFrameOptions: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
});

/** Sets the security headers on `response` (helmet's middleware, run by hand on `node:http`). */
export function setSecurityHeaders(request: IncomingMessage, response: ServerResponse): void {
  applyHelmet(request, response, (error) => {
    if (error) throw error;
  });
}
