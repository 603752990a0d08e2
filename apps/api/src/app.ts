import type { Logger } from '@mlops/logger';
import type { PredictionLogWriter } from '@mlops/registry';
import express, { type Express } from 'express';
import { RegisterRoutes } from './generated/routes';
import openApiSpec from './generated/swagger.json';
import { HealthController } from './health/healthController';
import { accessLog } from './http/accessLog';
import { errorHandler, notFound } from './http/errorHandler';
import { requestId } from './http/requestId';
import { requireJson } from './http/requireJson';
import type { ModelStore } from './models/ModelStore';
import { ModelsController } from './models/modelsController';
import { PredictionsController } from './predictions/predictionsController';
import { PredictionsService } from './predictions/predictionsService';

/** What the app is built from; `main.ts` wires the real ones, tests their own. */
export interface AppDependencies {
  models: ModelStore;
  predictionLog: PredictionLogWriter;
  logger: Logger;
  defaultModel: string;
  /** @default '1mb' */
  bodyLimit?: string;
}

/** Builds the Express app: middleware, the tsoa routes, and the error handling. */
export function createApp(deps: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const predictions = new PredictionsService(deps.models, deps.predictionLog, deps.defaultModel);
  app.locals.controllers = new Map<unknown, unknown>([
    [PredictionsController, new PredictionsController(predictions)],
    [HealthController, new HealthController(deps.models, deps.defaultModel)],
    [ModelsController, new ModelsController(deps.models, deps.defaultModel)],
  ]);

  app.use(requestId);
  app.use(accessLog(deps.logger));
  app.use(requireJson);
  app.use(express.json({ limit: deps.bodyLimit ?? '1mb', strict: false }));

  app.get('/', (_req, res) => {
    res.json({
      name: 'mlops model server',
      default_model: deps.defaultModel,
      links: {
        predict: 'POST /predict',
        predict_with: 'POST /models/{name}/predict',
        model_info: 'GET /model-info',
        models: 'GET /models',
        health: 'GET /health',
        ready: 'GET /ready',
        openapi: 'GET /openapi.json',
      },
    });
  });
  app.get('/openapi.json', (_req, res) => {
    res.json(openApiSpec);
  });
  RegisterRoutes(app);
  app.use(notFound);
  app.use(errorHandler(deps.logger));
  return app;
}
