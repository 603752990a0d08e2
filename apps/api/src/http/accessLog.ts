import type { Logger } from '@mlops/logger';
import type { RequestHandler } from 'express';

/** One structured line per request: id, method, path, status and time; never the body (feature values). */
export function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    res.on('finish', () => {
      logger.info('request', {
        requestId: res.locals.requestId,
        method: req.method,
        path: req.path,
        status: res.statusCode,
        ms: Math.round((performance.now() - started) * 100) / 100,
      });
    });
    next();
  };
}
