import { type Logger, logLine } from '@mlops/logger';
import type { RequestHandler } from 'express';
import type { ApiMetrics } from '../metrics/ApiMetrics';
import { assignRequestId } from './requestId';

/** Options of {@link requestTelemetry}. */
export interface RequestTelemetryOptions {
  /**
   * Write the access line of one successful (status < 400) request in this many;
   * refused and failed requests are always logged (`MLOPS_ACCESS_LOG_SAMPLE`). @default 1
   */
  accessLogSample?: number;
}

/**
 * The first middleware of every request: gives it an id (the caller's
 * `X-Request-Id` or a new UUID, echoed as a header) and, when the answer is sent,
 * counts it in the metrics under its route template (`/models/:name/predict`;
 * `unmatched` for paths no route served) and writes one structured access-log line:
 * id, method, path, route, status and time, never the body (feature values). One
 * middleware and one `finish` listener for the three, because they run on every
 * prediction; the line is built by `logLine` (a level check and one JSON.stringify),
 * not by winston's per-line object streams.
 */
export function requestTelemetry(
  logger: Logger,
  metrics: ApiMetrics,
  options: RequestTelemetryOptions = {},
): RequestHandler {
  const sample = options.accessLogSample ?? 1;
  let successes = 0;
  return (req, res, next) => {
    const started = performance.now();
    const id = assignRequestId(req, res);
    res.on('finish', () => {
      const ms = performance.now() - started;
      const route = req.route?.path ? `${req.baseUrl}${req.route.path}` : 'unmatched';
      const status = res.statusCode;
      // The prediction routes say who answered (champion or canary); other routes have no role.
      metrics.observeRequest(req.method, route, status, ms / 1000, res.locals.role ?? '');
      // Counted, not random: exactly one success line in `sample`, and no seed to carry.
      if (status < 400 && sample > 1) {
        successes = (successes + 1) % sample;
        if (successes !== 0) return;
      }
      logLine(logger, 'info', 'request', {
        requestId: id,
        method: req.method,
        path: req.path,
        route,
        status,
        ms: Math.round(ms * 100) / 100,
      });
    });
    next();
  };
}
