import type { AddressInfo } from 'node:net';
import { createLogger, type Logger } from '@mlops/logger';
import { openStores, type RegistryWatcher, redactDatabaseUrl, type Stores } from '@mlops/registry';
import { createApp } from '../app';
import type { ApiConfig } from '../config';
import { ModelStore } from '../models/ModelStore';
import { ServingError } from '../models/ServingError';
import { createAppHttpServer } from './appHttpServer';

/** A running server process (or cluster worker), and how to stop it. */
export interface RunningServer {
  port: number;
  /** Stops accepting, finishes requests in flight, flushes the log; resolves with the exit code. */
  stop(reason: string): Promise<number>;
}

/**
 * Wires the real dependencies from the config (registry, model store with its
 * watcher, the prediction log writer of the store, logger) and listens. On the
 * filesystem each process, including each cluster worker, writes its own segment set;
 * on PostgreSQL each sends its batches to the `prediction_log` table, and a LISTEN
 * watcher reloads a model as soon as it moves (polling stays as the fallback). Refuses to
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
  const watcher = await watchModels(stores.watch, models, logger).catch(async (error: unknown) => {
    await stores.close();
    throw error;
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
  const predictionLog = stores.openPredictionLog({
    onError: (error, lost) =>
      logger.error('prediction log write failed', { error: error.message, lostRows: lost }),
  });
  const app = createApp({ ...config, models, predictionLog, logger });
  let stopping = false;
  // Ahead of the app: once stopping, every answer closes its keep-alive connection, so
  // clients reconnect to another process instead of waiting here.
  const server = createAppHttpServer(app, (_req, res) => {
    if (stopping) res.setHeader('Connection', 'close');
  });
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
    // Closed by stores.close() too; stopped first so no reload starts while the log flushes.
    void watcher?.close();
    stopped = new Promise<number>((resolve) => {
      const force = setTimeout(() => {
        logger.warn(`requests still running after ${config.shutdownTimeoutMs} ms: closing their connections`);
        server.closeAllConnections();
      }, config.shutdownTimeoutMs);
      force.unref();
      server.close(() => {
        clearTimeout(force);
        // The log first: on PostgreSQL its last batch needs the pool that stores.close() ends.
        predictionLog
          .close()
          .then(() => stores.close())
          .then(
            () => {
              logger.info('stopped', { logged: predictionLog.stats.written, lost: predictionLog.stats.lost });
              resolve(0);
            },
            (error: unknown) => {
              logger.error('prediction log flush or store close failed on shutdown', {
                error: String(error),
              });
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

/**
 * On PostgreSQL: listens for registry changes and reloads the model that moved as soon as
 * it is heard (every model after a reconnect, since notifications sent meanwhile are
 * gone); resolves once the LISTEN is in place. Undefined on the filesystem (polling only).
 */
async function watchModels(
  watch: Stores['watch'],
  models: ModelStore,
  logger: Logger,
): Promise<RegistryWatcher | undefined> {
  if (!watch) return undefined;
  const reload = (only?: string) =>
    models.refresh({ only }).catch((error) => logger.error('model refresh failed', { error: String(error) }));
  const watcher = watch({
    onChange: (change) => void reload(change.kind === 'model' ? change.model : undefined),
    onError: (error) =>
      logger.warn('registry watcher lost its connection: reconnecting, polling meanwhile', {
        error: error.message,
      }),
  });
  await watcher.ready;
  return watcher;
}
