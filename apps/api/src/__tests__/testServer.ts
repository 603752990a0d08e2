import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { churnSchema, featureColumns, generateChurn, profileTable } from '@mlops/features';
import { createLogger } from '@mlops/logger';
import { trainModel } from '@mlops/models';
import { type ModelRegistry, openRegistry, PredictionLogWriter, storeLayout } from '@mlops/registry';
import type { Express } from 'express';
import { createApp } from '../app';
import { ModelStore } from '../models/ModelStore';

/** A real registry in a temp MLOPS_HOME, with churn models trained and registered as the trainer does. */
export interface TestServer {
  home: string;
  app: Express;
  registry: ModelRegistry;
  models: ModelStore;
  predictionLog: PredictionLogWriter;
  /** A valid request body. */
  example: Record<string, number | string>;
}

export async function registerChurnVersion(registry: ModelRegistry, seed: number): Promise<number> {
  const table = generateChurn(2_000, seed);
  const features = featureColumns(churnSchema);
  const result = trainModel({ table, target: 'churn', task: 'binary', model: 'logistic', features, seed });
  const record = await registry.registerVersion('churn', {
    model: result.pipeline.toJSON(),
    features,
    profile: profileTable(table, { target: 'churn', exclude: ['customer_id'] }),
    metrics: result.metrics,
    baselineMetrics: result.baselineMetrics,
    params: {},
    dataHash: `seed-${seed}`,
    dataRows: table.numRows,
    seed,
    gate: { passed: true, checks: [] },
  });
  return record.version;
}

export async function startTestServer(
  options: { promote?: boolean; bodyLimit?: string } = {},
): Promise<TestServer> {
  const home = mkdtempSync(join(tmpdir(), 'mlops-api-'));
  const registry = openRegistry(home);
  const version = await registerChurnVersion(registry, 1);
  if (options.promote !== false) await registry.promote('churn', version);
  const logger = createLogger({ service: 'api-test', stream: new PassThrough(), pretty: false });
  const models = new ModelStore(registry, logger);
  await models.refresh();
  const predictionLog = new PredictionLogWriter({ dir: storeLayout(home).predictions, flushIntervalMs: 50 });
  const app = createApp({
    models,
    predictionLog,
    logger,
    defaultModel: 'churn',
    bodyLimit: options.bodyLimit,
  });
  const example = generateChurn(1, 9).row(0) as Record<string, number | string>;
  delete example.churn;
  delete example.customer_id;
  return { home, app, registry, models, predictionLog, example };
}
