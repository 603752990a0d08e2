import type { Logger } from '@mlops/logger';
import type { PredictionLogSink } from '@mlops/registry';
import express, { type Express } from 'express';
import swaggerUi from 'swagger-ui-express';
import { AdminController } from './admin/adminController';
import { AdminService } from './admin/adminService';
import { RegisterRoutes } from './generated/routes';
import openApiSpec from './generated/swagger.json';
import { HealthController } from './health/healthController';
import { Readiness } from './health/readiness';
import { apiKeyGuard } from './http/apiKeyGuard';
import { corsAllowList } from './http/corsAllowList';
import { errorHandler, notFound } from './http/errorHandler';
import { inSequence } from './http/inSequence';
import { rateLimitPerClient } from './http/rateLimitPerClient';
import { mountRequestBodies } from './http/requestBodies';
import { requestTelemetry } from './http/requestTelemetry';
import { requireJson } from './http/requireJson';
import { apiHeaders, documentHeaders } from './http/securityHeaders';
import { staticHeaders } from './http/staticHeaders';
import { ApiMetrics } from './metrics/ApiMetrics';
import type { ModelStore } from './models/ModelStore';
import { checkModelName } from './models/modelName';
import { ModelsController } from './models/modelsController';
import { ServedOpenApi } from './openapi/ServedOpenApi';
import { PredictionsController } from './predictions/predictionsController';
import { PredictionsService } from './predictions/predictionsService';
import { ShadowQueue } from './routing/ShadowQueue';

/** What the app is built from; `main.ts` wires the real ones, tests their own. */
export interface AppDependencies {
  /** The served models; how their sensitive fields and id columns are logged is the store's option. */
  models: ModelStore;
  predictionLog: PredictionLogSink;
  logger: Logger;
  defaultModel: string;
  /** @default '1mb' */
  bodyLimit?: string;
  /** Body limit of the batch routes. @default '20mb' */
  batchBodyLimit?: string;
  /** Most rows in one batch. @default 10000 */
  batchLimit?: number;
  /** Longest text value or field name of a request, in characters. @default 1000 */
  maxTextLength?: number;
  /** Most fields in one instance (a body, or one batch row). @default 1000 */
  maxInstanceKeys?: number;
  /** Bearer token of the admin routes; without one they answer 404. @default undefined */
  apiKey?: string;
  /** Requests per client per window; 0 is off. @default 0 (main.ts passes MLOPS_RATE_LIMIT) */
  rateLimit?: number;
  /** @default 60000 */
  rateWindowMs?: number;
  /** Origins allowed by CORS. @default [] (CORS off) */
  corsOrigins?: string[];
  /** Export process metrics (memory, CPU, event loop) on /metrics. @default true */
  processMetrics?: boolean;
  /** One access line per this many successful requests (`MLOPS_ACCESS_LOG_SAMPLE`); errors always. @default 1 */
  accessLogSample?: number;
  /** Most shadow scorings waiting off the response path (`MLOPS_SHADOW_QUEUE_LIMIT`). @default 1000 */
  shadowQueueLimit?: number;
  /** The shadow queue itself (tests wait on its `idle()`). @default one of `shadowQueueLimit` */
  shadows?: ShadowQueue;
}

/** Builds the Express app: middleware, the tsoa routes, metrics, docs and the error handling. */
export function createApp(deps: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const batchLimit = deps.batchLimit ?? 10_000;
  const limits = { maxTextLength: deps.maxTextLength ?? 1000, maxInstanceKeys: deps.maxInstanceKeys ?? 1000 };
  const shadows =
    deps.shadows ??
    new ShadowQueue({
      limit: deps.shadowQueueLimit,
      onError: (error) => deps.logger.error('shadow scoring failed', { error: String(error) }),
    });
  const metrics = new ApiMetrics(deps.models, deps.predictionLog, {
    processMetrics: deps.processMetrics,
    shadows,
  });
  const predictions = new PredictionsService(deps.models, deps.predictionLog, deps.defaultModel, {
    batchLimit,
    metrics,
    limits,
    shadows,
  });
  const openApi = new ServedOpenApi(openApiSpec, deps.models, {
    defaultModel: deps.defaultModel,
    batchLimit,
  });
  app.locals.controllers = new Map<unknown, unknown>([
    [PredictionsController, new PredictionsController(predictions)],
    [HealthController, new HealthController(new Readiness(deps.models, deps.defaultModel, deps.logger))],
    [ModelsController, new ModelsController(deps.models, deps.defaultModel)],
    [AdminController, new AdminController(new AdminService(deps.models))],
  ]);
  app.locals.apiKeyGuard = apiKeyGuard(deps.apiKey);

  // Every `{name}` in a path is checked before any handler, registry or file sees it.
  app.param('name', (_req, _res, next, name: string) => {
    try {
      checkModelName(name);
      next();
    } catch (error) {
      next(error);
    }
  });
  // What runs on every request, as one router layer. Middleware that would do nothing is
  // not there at all: every hop costs on /predict.
  app.use(
    inSequence([
      requestTelemetry(deps.logger, metrics, { accessLogSample: deps.accessLogSample }),
      // helmet's headers are fixed for its fixed configuration: worked out once, replayed per request.
      staticHeaders(apiHeaders()),
      ...(deps.corsOrigins?.length ? [corsAllowList(deps.corsOrigins)] : []),
      ...(deps.rateLimit ? [rateLimitPerClient({ limit: deps.rateLimit, windowMs: deps.rateWindowMs })] : []),
      requireJson,
    ]),
  );
  mountRequestBodies(app, {
    bodyLimit: deps.bodyLimit ?? '1mb',
    batchBodyLimit: deps.batchBodyLimit ?? '20mb',
    batchLimit,
    limits,
    fieldsOf: (name) => predictions.servedModel(name ?? deps.defaultModel).request,
  });
  // The tsoa routes first: the router tries layers in order, and /predict is the hot one.
  RegisterRoutes(app);

  app.get('/', (_req, res) => {
    res.json({
      name: 'mlops model server',
      default_model: deps.defaultModel,
      links: {
        predict: 'POST /predict',
        predict_batch: 'POST /predict/batch',
        predict_with: 'POST /models/{name}/predict',
        predict_batch_with: 'POST /models/{name}/predict/batch',
        model_info: 'GET /model-info',
        models: 'GET /models',
        health: 'GET /health',
        ready: 'GET /ready',
        metrics: 'GET /metrics',
        openapi: 'GET /openapi.json',
        docs: 'GET /docs',
        admin: 'POST /admin/reload, /admin/models/{name}/promote, /admin/models/{name}/rollback',
      },
    });
  });
  app.get('/openapi.json', (_req, res) => {
    res.json(openApi.document());
  });
  app.get('/metrics', async (_req, res, next) => {
    try {
      const text = await metrics.text();
      res.setHeader('Content-Type', metrics.contentType);
      res.send(text);
    } catch (error) {
      next(error);
    }
  });
  // The UI's files come from the installed swagger-ui-dist, not a CDN; it loads the
  // live document, so it shows what /openapi.json shows.
  app.use(
    '/docs',
    // An HTML page: helmet's document headers instead of the API's.
    staticHeaders(documentHeaders()),
    swaggerUi.serve,
    swaggerUi.setup(undefined, {
      customSiteTitle: 'MLOps model server',
      swaggerOptions: { url: '/openapi.json' },
    }),
  );
  app.use(notFound);
  app.use(errorHandler(deps.logger));
  return app;
}
