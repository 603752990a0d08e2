#!/usr/bin/env node
import { createLogger } from '@mlops/logger';
import { openRegistry, PredictionLogWriter, storeLayout } from '@mlops/registry';
import { createApp } from './app';
import { readConfig } from './config';
import { ModelStore } from './models/ModelStore';

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger({ service: 'api', level: config.logLevel });
  const models = new ModelStore(openRegistry(config.home), logger);
  await models.refresh();
  if (!models.get(config.defaultModel)) {
    logger.warn(
      `no production version of '${config.defaultModel}' yet: /ready answers 503 until one is promoted`,
    );
  }
  models.watch(config.watchIntervalMs);
  const predictionLog = new PredictionLogWriter({
    dir: storeLayout(config.home).predictions,
    onError: (error, lost) =>
      logger.error('prediction log write failed', { error: error.message, lostRows: lost }),
  });
  const app = createApp({
    models,
    predictionLog,
    logger,
    defaultModel: config.defaultModel,
    bodyLimit: config.bodyLimit,
  });
  const server = app.listen(config.port, () => {
    logger.info(`listening on http://localhost:${config.port}`, {
      home: config.home,
      model: config.defaultModel,
    });
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: finishing requests in flight, flushing the prediction log`);
    models.stop();
    server.close(() => {
      predictionLog.close().then(
        () => {
          logger.info('stopped', { logged: predictionLog.stats.written, lost: predictionLog.stats.lost });
          process.exit(0);
        },
        () => process.exit(1),
      );
    });
    server.closeIdleConnections();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
