import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@mlops/logger';
import { openStores, PredictionLogWriter, redactDatabaseUrl, storeLayout } from '@mlops/registry';
import { createApp } from '../app';
import type { ApiConfig } from '../config';
import { ModelStore } from '../models/ModelStore';
import { ServingError } from '../models/ServingError';

/** A running server process (or cluster worker), and how to stop it. */
export interface RunningServer {
  port: number;
  /** Stops accepting, finishes requests in flight, flushes the log; resolves with the exit code. */
  stop(reason: string): Promise<number>;
}

/**
 * Wires the real dependencies from the config (registry, model store with its
 * watcher, this process's own prediction-log segments, logger) and listens. Each
 * process, including each cluster worker, writes its own segment set. Refuses to
 * start (throws, naming the model, the field and the fix) when a production model
 * cannot be served as configured, e.g. a sensitive id column without `MLOPS_HASH_SALT`:
 * serving it would log the ids in clear, and dropping it would hide the model.
 */
export async function startServer(config: ApiConfig): Promise<RunningServer> {
  // One write per event-loop turn for the access lines, not one system call per request.
  const logger = createLogger({ service: 'api', level: config.logLevel, bufferLines: true });
  // PostgreSQL: migrated here (once across replicas starting together); closed on stop.
  const stores = await openStores({ home: config.home, database: config.database });
  const models = new ModelStore(stores.registry, logger, {
    sensitiveFields: config.sensitiveFields,
    hashSalt: config.hashSalt,
  });
  await models.refresh().catch(async (error: unknown) => {
    await stores.close();
    throw error;
  });
  const refused = models.loadFailures().filter((failure) => failure.error instanceof ServingError);
  if (refused.length) {
    await stores.close();
    throw new Error(refused.map((failure) => failure.error.message).join('; '));
  }
  if (!models.get(config.defaultModel)) {
    const failure = models.state(config.defaultModel).failure;
    logger.warn(
      failure
        ? `'${config.defaultModel}' is not serving: /ready answers 503 until a version of it loads`
        : `no production version of '${config.defaultModel}' yet: /ready answers 503 until one is promoted`,
      failure && { version: failure.version, error: failure.reason },
    );
  }
  models.watch(config.watchIntervalMs);
  const predictionLog = new PredictionLogWriter({
    dir: storeLayout(config.home).predictions,
    onError: (error, lost) =>
      logger.error('prediction log write failed', { error: error.message, lostRows: lost }),
  });
  const app = createApp({ ...config, models, predictionLog, logger });
  let stopping = false;
  const server = createServer();
  // Registered before the app: once stopping, every answer closes its keep-alive
  // connection, so clients reconnect to another process instead of waiting here.
  server.on('request', (_req, res) => {
    if (stopping) res.setHeader('Connection', 'close');
  });
  server.on('request', app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  logger.info(`listening on http://localhost:${port}`, {
    port,
    home: config.home,
    store: config.database ? redactDatabaseUrl(config.database.url) : 'filesystem',
    model: config.defaultModel,
  });

  let stopped: Promise<number> | undefined;
  const stop = (reason: string): Promise<number> => {
    if (stopped) return stopped;
    stopping = true;
    logger.info(`${reason}: finishing requests in flight, flushing the prediction log`);
    models.stop();
    stopped = new Promise<number>((resolve) => {
      const force = setTimeout(() => {
        logger.warn(`requests still running after ${config.shutdownTimeoutMs} ms: closing their connections`);
        server.closeAllConnections();
      }, config.shutdownTimeoutMs);
      force.unref();
      server.close(() => {
        clearTimeout(force);
        Promise.all([predictionLog.close(), stores.close()]).then(
          () => {
            logger.info('stopped', { logged: predictionLog.stats.written, lost: predictionLog.stats.lost });
            resolve(0);
          },
          (error: unknown) => {
            logger.error('prediction log flush or store close failed on shutdown', { error: String(error) });
            resolve(1);
          },
        );
      });
      server.closeIdleConnections();
    });
    return stopped;
  };
  return { port, stop };
}
