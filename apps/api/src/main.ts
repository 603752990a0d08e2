#!/usr/bin/env node
import cluster from 'node:cluster';
import { readConfig } from './config';
import { runCluster } from './server/runCluster';
import { startServer } from './server/startServer';

/** Reads the environment and serves: one process, or a primary with `WEB_CONCURRENCY` workers. */
async function main(): Promise<void> {
  const config = readConfig();
  if (config.workers > 1 && cluster.isPrimary) {
    runCluster(config);
    return;
  }
  const server = await startServer(config);
  const stop = (signal: string) => {
    void server.stop(signal).then((code) => process.exit(code));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
