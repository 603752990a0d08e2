import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { type BaselineProfile, type ColumnSpec, churnSchema } from '@mlops/features';
import { createLogger, type Logger } from '@mlops/logger';
import { type ModelRegistry, openRegistry, PredictionLogWriter, storeLayout } from '@mlops/registry';
import { registerTrained, requestExample } from '@mlops/testkit';
import type { Express } from 'express';
import request, { type Response } from 'supertest';
import { type AppDependencies, createApp } from '../app';
import { ModelStore, type ModelStoreOptions } from '../models/ModelStore';
import { ShadowQueue } from '../routing/ShadowQueue';

/** The salt test servers hash with unless told otherwise. */
export const TEST_SALT = 'test-salt';

/** A real registry in a temp MLOPS_HOME, with churn models trained and registered as the trainer does. */
export interface TestServer {
  home: string;
  app: Express;
  registry: ModelRegistry;
  models: ModelStore;
  predictionLog: PredictionLogWriter;
  /** The app's shadow queue: `idle()` resolves once the shadow scored what was queued. */
  shadows: ShadowQueue;
  /** A valid request body. */
  example: Record<string, number | string>;
}

/** Options of {@link registerChurnVersion}. */
export interface ChurnVersionOptions {
  /** Train on these features only (a model with other request fields, and a weaker one). @default every churn feature */
  features?: string[];
  /**
   * The id columns stored with the model, as `trainModel` keeps them. @default the churn
   * schema's: `customer_id`, which it marks sensitive (so serving needs a hash salt)
   */
  idColumns?: ColumnSpec[];
  /** Changes the reference profile before it is stored (e.g. to known histogram edges). */
  editProfile?: (profile: BaselineProfile) => void;
  /** Register under this model name. @default 'churn' */
  name?: string;
}

/**
 * Trains a logistic churn model on 2,000 rows generated from `seed` and registers
 * it as the trainer does (`@mlops/testkit`), held-out rows included, so that promoting
 * it evaluates the default gate against production on those rows. The same seed gives
 * the same rows and the same model, which passes "no worse than production"; a model
 * on fewer features does not.
 */
export function registerChurnVersion(
  registry: ModelRegistry,
  seed: number,
  options: ChurnVersionOptions = {},
): Promise<number> {
  const { name, ...version } = options;
  return registerTrained(registry, name ?? 'churn', { dataset: 'churn', rows: 2_000, seed, ...version });
}

/** Options of {@link startTestServer}: the app's own options, plus the store's. */
export type TestServerOptions = Partial<Omit<AppDependencies, 'models' | 'predictionLog' | 'defaultModel'>> &
  ModelStoreOptions & {
    /** Promote version 1 to production. @default true */
    promote?: boolean;
    /** How version 1 is trained and registered. @default every feature, the churn id column */
    firstVersion?: ChurnVersionOptions;
    /** Folder of the prediction log. @default `<home>/predictions` */
    logDir?: string;
    /** The log writer's timer; `0` writes only on `flush()`, so a test can assert the queue. @default 50 */
    logFlushIntervalMs?: number;
  };

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const { promote, logDir, logFlushIntervalMs, sensitiveFields, hashSalt, firstVersion, ...appOptions } =
    options;
  const home = mkdtempSync(join(tmpdir(), 'mlops-api-'));
  const registry = openRegistry(home);
  const version = await registerChurnVersion(registry, 1, firstVersion);
  if (promote !== false) await registry.promote('churn', version);
  const logger =
    appOptions.logger ?? createLogger({ service: 'api-test', stream: new PassThrough(), pretty: false });
  // The churn id column is sensitive: without a salt the store would refuse the model ('' is none).
  const models = new ModelStore(registry, logger, { sensitiveFields, hashSalt: hashSalt ?? TEST_SALT });
  await models.refresh();
  const predictionLog = new PredictionLogWriter({
    dir: logDir ?? storeLayout(home).predictions,
    flushIntervalMs: logFlushIntervalMs ?? 50,
  });
  const shadows = appOptions.shadows ?? new ShadowQueue({ limit: appOptions.shadowQueueLimit });
  const app = createApp({
    models,
    predictionLog,
    defaultModel: 'churn',
    processMetrics: false,
    ...appOptions,
    shadows,
    logger,
  });
  const example = requestExample(churnSchema) as Record<string, number | string>;
  return { home, app, registry, models, predictionLog, shadows, example };
}

/** Stops a test server's watcher and log, and deletes its home. */
export async function stopTestServer(server: TestServer): Promise<void> {
  server.models.stop();
  await server.predictionLog.close();
  rmSync(server.home, { recursive: true, force: true });
}

/**
 * A test server started before each test of the calling file and stopped after it;
 * the returned object is the current one (its fields are replaced before every test).
 */
export function testServerPerTest(options: TestServerOptions = {}): TestServer {
  const server = {} as TestServer;
  beforeEach(async () => {
    Object.assign(server, await startTestServer(options));
  });
  afterEach(() => stopTestServer(server));
  return server;
}

/** POSTs the server's valid example to /predict with these headers; resolves with the 200 answer (fails on any other). */
export function predictExample(server: TestServer, headers: Record<string, string> = {}): Promise<Response> {
  return request(server.app).post('/predict').set(headers).send(server.example).expect(200);
}

/** A logger whose JSON lines a test can read back. */
export function capturedLogger(): { logger: Logger; lines: () => Array<Record<string, unknown>> } {
  const stream = new PassThrough();
  const text: string[] = [];
  stream.on('data', (chunk: Buffer) => text.push(chunk.toString()));
  return {
    logger: createLogger({ service: 'api-test', stream, pretty: false }),
    lines: () =>
      text
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
