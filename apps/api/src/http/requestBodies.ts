import type { Express, Request, RequestHandler } from 'express';
import type { RequestFields } from '../predictions/requestFields';
import type { InstanceLimits } from '../predictions/validateInstance';
import type { ApiKeyGuard } from './apiKeyGuard';
import { JsonLimitScanner } from './JsonLimitScanner';
import { byteSize, readJsonBody } from './readJsonBody';

/** What {@link mountRequestBodies} needs: the limits, and the served model's fields per route. */
export interface RequestBodyOptions {
  bodyLimit: string;
  batchBodyLimit: string;
  batchLimit: number;
  limits: InstanceLimits;
  /** The fields of the model a prediction route serves (`name` undefined: the default model); throws the 404. */
  fieldsOf: (name: string | undefined) => RequestFields;
}

/** The prediction routes' body readers, kept in `app.locals` by {@link mountRequestBodies}. */
interface PredictionBodies {
  instance: RequestHandler;
  batch: RequestHandler;
}

/**
 * Mounts the body readers. Bodies are read only by the routes that take one, each with
 * its limits, and checked as they arrive against the served model's fields
 * (JsonLimitScanner), before `JSON.parse` sees them: a prediction for a model that is not
 * served is a 404 before its body is read, and an admin body is read only once the key is
 * checked (tsoa checks it again, at no cost). Other routes never read a body (Node drops
 * it once the answer is sent). The prediction routes' readers run as the tsoa routes' own
 * middleware ({@link readInstanceBody}, {@link readBatchBody}), not as routes of their
 * own: each router layer a request passes costs on /predict.
 */
export function mountRequestBodies(app: Express, options: RequestBodyOptions): void {
  const { limits } = options;
  const name = (req: Request) => (req.params.name === undefined ? undefined : String(req.params.name));
  const instanceBody = readJsonBody({
    limit: byteSize(options.bodyLimit),
    limitText: options.bodyLimit,
    limitVariable: 'MLOPS_BODY_LIMIT',
    scanner: (req) =>
      new JsonLimitScanner({ shape: 'instance', ...limits, fields: options.fieldsOf(name(req)) }),
  });
  const batchBody = readJsonBody({
    limit: byteSize(options.batchBodyLimit),
    limitText: options.batchBodyLimit,
    limitVariable: 'MLOPS_BATCH_BODY_LIMIT',
    scanner: (req) =>
      new JsonLimitScanner({
        shape: 'batch',
        ...limits,
        maxRows: options.batchLimit,
        fields: options.fieldsOf(name(req)),
      }),
  });
  const adminBody = readJsonBody({
    limit: byteSize(options.bodyLimit),
    limitText: options.bodyLimit,
    limitVariable: 'MLOPS_BODY_LIMIT',
    scanner: () => new JsonLimitScanner({ shape: 'flat', ...limits }),
  });
  app.locals.predictionBodies = { instance: instanceBody, batch: batchBody } satisfies PredictionBodies;
  app.use('/admin', (req, res, next) => {
    try {
      (app.locals.apiKeyGuard as ApiKeyGuard)(req, res);
      next();
    } catch (error) {
      next(error);
    }
  });
  app.post(['/admin/models/:name/promote', '/admin/models/:name/rollback'], adminBody);
}

const bodies = (req: Request) => req.app.locals.predictionBodies as PredictionBodies;

/** Reads a single prediction's body (tsoa `@Middlewares` of the instance routes). */
export const readInstanceBody: RequestHandler = (req, res, next) => bodies(req).instance(req, res, next);

/** Reads a batch's body (tsoa `@Middlewares` of the batch routes). */
export const readBatchBody: RequestHandler = (req, res, next) => bodies(req).batch(req, res, next);
