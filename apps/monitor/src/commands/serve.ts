import type { Command } from 'commander';
import { watchChecks } from '../check/watchChecks';
import { checkDashboardAccess, isLoopbackHost, type MonitorConfig } from '../config';
import { createDashboard } from '../dashboard/createDashboard';
import { DriftMetrics } from '../dashboard/driftMetrics';
import { checkModelName } from '../errors';
import { runCheck } from '../runCheck';
import { parseApiUrls } from '../ui/monitoring/apiUrls';
import type { CommandContext } from './CommandContext';
import { duration, positiveInteger } from './options';

/** Options of `monitor serve`, as commander parses them. */
export interface ServeOptions {
  model?: string;
  port?: number;
  refresh: number;
  watch?: number;
  webhook?: string;
  onRetrain?: string;
}

/** Adds `monitor serve` to `program`: the dashboard (and an optional scheduled check) until the signal aborts. */
export function addServeCommand(program: Command, context: CommandContext): Command {
  return program
    .command('serve')
    .description(
      'serve the dashboard on MONITOR_HOST:MONITOR_PORT (default 127.0.0.1:8501) until Ctrl-C; off loopback it needs MLOPS_API_KEY',
    )
    .option('--model <name>', 'model shown by default (default MLOPS_MODEL or churn)')
    .option('--port <port>', 'port (default MONITOR_PORT or 8501; 0 picks a free one)', (v) => Number(v))
    .option('--refresh <seconds>', 'page refresh interval', positiveInteger, 10)
    .option(
      '--watch <interval>',
      'also run the drift check on this schedule (e.g. 15m) and export it at /metrics',
      duration,
    )
    .option('--webhook <url>', 'with --watch: POST the summary when the level changes')
    .option('--on-retrain <command>', 'with --watch: run this command when the level becomes retrain')
    .action((options: ServeOptions) => serveAction(context, options));
}

async function serveAction(context: CommandContext, options: ServeOptions): Promise<void> {
  const { config, logger, io } = context;
  const model = checkModelName(options.model ?? config.defaultModel);
  // Refused before anything listens: the log holds every request's features.
  checkDashboardAccess(config);
  // Read here from the config's environment, not in config.ts, while that file is being reworked elsewhere.
  const apiUrls = parseApiUrls(config.env.MLOPS_API_URLS);
  const metrics = new DriftMetrics();
  const stores = await context.stores();
  const server = createDashboard({
    home: config.home,
    stores,
    defaultModel: model,
    refreshSeconds: options.refresh,
    metrics,
    apiKey: config.apiKey,
    apiUrls,
    onError: (error) =>
      logger.error(`dashboard: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`),
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? config.port, config.host, () => done());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info(listeningLine(config, port));
  io.onListening?.(port, typeof address === 'object' && address ? address.address : config.host);
  const watching =
    options.watch === undefined
      ? Promise.resolve(undefined)
      : watchChecks(
          async () => {
            try {
              const result = await runCheck({
                home: config.home,
                registry: stores.registry,
                log: stores.predictionLog,
                model,
              });
              metrics.record(result);
              return result;
            } catch (error) {
              metrics.recordFailure();
              throw error;
            }
          },
          {
            intervalMs: options.watch,
            webhook: options.webhook,
            onRetrain: options.onRetrain,
            signal: io.signal,
            logger,
            env: config.env,
          },
        );
  await new Promise<void>((done) => {
    if (io.signal?.aborted) done();
    io.signal?.addEventListener('abort', () => done());
  });
  await watching;
  await new Promise<void>((done) => server.close(() => done()));
  server.closeAllConnections();
}

/** The line `monitor serve` logs once it listens: the address to open, and whether a key guards it. */
export function listeningLine(config: Pick<MonitorConfig, 'host' | 'apiKey'>, port: number): string {
  const shown = config.host.includes(':') ? `[${config.host}]` : config.host;
  const key = config.apiKey ? 'key required: MLOPS_API_KEY' : 'no key: this machine only';
  return `dashboard on http://${shown}:${port}/ (${key}${isLoopbackHost(config.host) ? '' : ', every interface'})`;
}
