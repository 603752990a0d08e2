import cluster, { type Worker } from 'node:cluster';
import { createLogger } from '@mlops/logger';
import type { ApiConfig } from '../config';

/**
 * The primary process of cluster mode (`WEB_CONCURRENCY` > 1): forks the workers,
 * which share the port through node:cluster, replaces a worker that dies (but
 * exits 1 when a worker of the first set dies before listening: it refused to
 * start, e.g. on a model it cannot serve, and so would every replacement), and on
 * SIGTERM/SIGINT passes the signal on and exits once every worker has finished its
 * requests and flushed its own prediction-log segments (0 when all exited cleanly).
 */
export function runCluster(config: ApiConfig): void {
  const logger = createLogger({ service: 'api-primary', level: config.logLevel });
  let stopping = false;
  let failed = false;
  const fork = (): Worker => cluster.fork();
  const firstSet = new Set<number>();
  const listened = new Set<number>();
  for (let i = 0; i < config.workers; i += 1) firstSet.add(fork().id);
  logger.info(`cluster mode: ${config.workers} workers on port ${config.port}`);
  cluster.on('listening', (worker) => listened.add(worker.id));
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (code !== 0) failed = true;
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(failed ? 1 : 0);
      return;
    }
    if (firstSet.has(worker.id) && !listened.has(worker.id)) {
      // Its own error line is already on stderr; replacing it would only repeat it.
      logger.error('a worker could not start: stopping', { pid: worker.process.pid, code, signal });
      stopping = true;
      failed = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGTERM');
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(1);
      return;
    }
    logger.error('worker died; starting another', { pid: worker.process.pid, code, signal });
    fork();
  });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: stopping ${config.workers} workers`);
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
