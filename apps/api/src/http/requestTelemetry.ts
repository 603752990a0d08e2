import type { Logger } from '@mlops/logger';
import type { RequestHandler } from 'express';
import type { ApiMetrics } from '../metrics/ApiMetrics';
import { assignRequestId } from './requestId';

/**
 * The first middleware of every request: gives it an id (the caller's
 * `X-Request-Id` or a new UUID, echoed as a header) and, when the answer is sent,
 * counts it in the metrics under its route template (`/models/:name/predict`;
 * `unmatched` for paths no route served) and writes one structured access-log line:
 * id, method, path, route, status and time, never the body (feature values). One
 * middleware and one `finish` listener for the three, because they run on every
 * prediction.
 */
export function requestTelemetry(logger: Logger, metrics: ApiMetrics): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    const id = assignRequestId(req, res);
    res.on('finish', () => {
      const ms = performance.now() - started;
      const route = req.route?.path ? `${req.baseUrl}${req.route.path}` : 'unmatched';
      metrics.observeRequest(req.method, route, res.statusCode, ms / 1000);
      logger.info('request', {
        requestId: id,
        method: req.method,
        path: req.path,
        route,
        status: res.statusCode,
        ms: Math.round(ms * 100) / 100,
      });
    });
    next();
  };
}
