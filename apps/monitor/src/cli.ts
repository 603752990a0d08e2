import { resolve } from 'node:path';
import { type DriftTest, driftTests } from '@mlops/drift';
import { createLogger } from '@mlops/logger';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { LABEL_FALLBACK } from './check/predictionDrift';
import { parseWindow } from './check/timeWindow';
import { watchChecks } from './check/watchChecks';
import { describeFailure } from './cliFailure';
import { checkDashboardAccess, isLoopbackHost, readConfig } from './config';
import { createDashboard } from './dashboard/createDashboard';
import { DriftMetrics } from './dashboard/driftMetrics';
import { driftFiles } from './driftFiles';
import { checkModelName } from './errors';
import { EXIT, exitCodeForError, exitCodeForLevel } from './exitCodes';
import { type CheckResult, runCheck } from './runCheck';

/** Streams and environment of one CLI run; tests pass their own. */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Aborting stops `--watch` and `serve` (main wires SIGINT/SIGTERM to it). */
  signal?: AbortSignal;
  /** Called with the dashboard's port and bound address once it listens (tests). */
  onListening?: (port: number, address: string) => void;
}

/** Exit code for a failed run, apart from the drift levels 0, 1 and 2 and nothing to compare (4). */
export const ERROR_EXIT_CODE = EXIT.failed;

/**
 * Runs `monitor` on `argv` and returns the exit code: the alert level (0/1/2), 3
 * when the run failed, 4 when there was nothing to compare (see `exitCodes.ts`).
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  try {
    const config = readConfig(io.env);
    const logger = createLogger({ service: 'monitor', level: config.logLevel, stream: io.stderr });
    const program = new Command('monitor')
      .description('Watch production models: drift of logged inputs against the training baseline.')
      .exitOverride()
      .configureOutput({
        writeOut: (text) => io.stdout.write(text),
        writeErr: (text) => io.stderr.write(text),
      });
    program
      .command('run')
      .description(
        'check the prediction log of a model against its production baseline; exit 0 stable, 1 watch, 2 retrain',
      )
      .option('--model <name>', 'model to check (default MLOPS_MODEL or churn)')
      .option('--since <time>', 'only predictions at or after this ISO time', isoTime)
      .option(
        '--window <window>',
        'last stretch of the log: 30m, 1h, 1d, 7d, or a number of rows',
        windowOption,
      )
      .option('--out <dir>', 'report folder')
      .option(
        '--labels <file>',
        "true labels that arrived later (request_id, or the model's id columns, + target): live metrics vs the test metrics",
      )
      .option('--min-rows <n>', 'fewest logged predictions worth a check', positiveInteger, 100)
      .addOption(testOption())
      .option('--threshold <x>', 'threshold for every feature (p-value for ks/chi2)', positiveNumber)
      .option('--watch <interval>', 'run again every interval (30s, 5m, 1h) until Ctrl-C', duration)
      .option('--webhook <url>', 'with --watch (or once): POST the summary JSON when the level changes')
      .option('--on-retrain <command>', 'run this shell command when the level becomes retrain')
      .addOption(
        new Option('--max-runs <n>', 'with --watch: stop after n checks')
          .argParser(positiveInteger)
          .hideHelp(),
      )
      .addOption(new Option('--json', 'print the result as one JSON object on the last line of stdout'))
      .action(async (options) => {
        const model = checkModelName(options.model ?? config.defaultModel);
        const check = () =>
          runCheck({
            home: config.home,
            model,
            since: options.since,
            window: options.window,
            out: options.out ? resolve(config.cwd, options.out) : undefined,
            minRows: options.minRows,
            drift: { test: options.test, threshold: options.threshold },
            labels: options.labels ? resolve(config.cwd, options.labels) : undefined,
            hashSalt: config.hashSalt,
            exactRows: config.exactRows,
          });
        const print = (result: CheckResult) => {
          const drifted = result.drift.columns.filter((c) => c.drifted).map((c) => c.column);
          logger.info(`${result.model} v${result.version}: ${result.drift.level}`, {
            predictions: result.predictions,
            drifted: drifted.join(',') || 'none',
            report: result.report_path,
          });
          io.stdout.write(
            options.json
              ? `${JSON.stringify({ level: result.drift.level, ...result })}\n`
              : humanSummary(result),
          );
        };
        if (options.watch === undefined && options.webhook === undefined && options.onRetrain === undefined) {
          const result = await check();
          print(result);
          exitCode = exitCodeForLevel(result.drift.level);
          return;
        }
        const last = await watchChecks(
          async () => {
            const result = await check();
            print(result);
            return result;
          },
          {
            intervalMs: options.watch ?? 0,
            maxRuns: options.watch === undefined ? 1 : options.maxRuns,
            webhook: options.webhook,
            onRetrain: options.onRetrain,
            signal: io.signal,
            logger,
            env: config.env,
          },
        );
        // The last check decides: its level, or its error (nothing to compare is 4, not "failed").
        if (last.error !== undefined) throw last.error;
        exitCode = last.result ? exitCodeForLevel(last.result.drift.level) : EXIT.failed;
      });
    program
      .command('drift')
      .description(
        'compare two CSV/Arrow files column by column; no model needed; exit 0 stable, 1 watch, 2 retrain',
      )
      .requiredOption('--reference <file>', 'reference data (CSV or Arrow)')
      .requiredOption('--current <file>', 'current data (CSV or Arrow)')
      .option(
        '--columns <a,b>',
        'columns to compare (default: all both files have, but ids and times)',
        (v) =>
          v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
      )
      .addOption(testOption())
      .option('--threshold <x>', 'threshold for every column (p-value for ks/chi2)', positiveNumber)
      .addOption(new Option('--json', 'print the result as one JSON object on the last line of stdout'))
      .action((options) => {
        const summary = driftFiles({
          reference: resolve(config.cwd, options.reference),
          current: resolve(config.cwd, options.current),
          columns: options.columns,
          test: options.test,
          threshold: options.threshold,
        });
        if (options.json) {
          io.stdout.write(`${JSON.stringify(summary)}\n`);
        } else {
          for (const c of summary.columns) {
            io.stdout.write(
              `${c.column.padEnd(24)} ${c.test.padEnd(14)} statistic ${fmt(c.statistic)}${c.pValue !== undefined ? `  p ${fmt(c.pValue)}` : ''}  threshold ${c.threshold}  ${c.drifted ? 'DRIFT' : 'ok'}\n`,
            );
          }
          for (const skipped of summary.skipped) {
            io.stdout.write(`${skipped.column.padEnd(24)} skipped: ${skipped.reason}\n`);
          }
          io.stdout.write(
            `${summary.level.toUpperCase()}: ${summary.driftedColumns}/${summary.columns.length} columns drifted (share ${fmt(summary.driftShare)})${summary.skipped.length ? `; ${summary.skipped.length} not tested: ${summary.skipped.map((s) => s.column).join(', ')}` : ''}\n`,
          );
        }
        exitCode = exitCodeForLevel(summary.level);
      });
    program
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
      .action(async (options) => {
        const model = checkModelName(options.model ?? config.defaultModel);
        // Refused before anything listens: the log holds every request's features.
        checkDashboardAccess(config);
        const metrics = new DriftMetrics();
        const server = createDashboard({
          home: config.home,
          defaultModel: model,
          refreshSeconds: options.refresh,
          metrics,
          apiKey: config.apiKey,
          onError: (error) =>
            logger.error(
              `dashboard: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
            ),
        });
        await new Promise<void>((done, fail) => {
          server.once('error', fail);
          server.listen(options.port ?? config.port, config.host, () => done());
        });
        const address = server.address();
        const port = typeof address === 'object' && address ? address.port : config.port;
        const shown = config.host.includes(':') ? `[${config.host}]` : config.host;
        logger.info(
          `dashboard on http://${shown}:${port}/ (${config.apiKey ? 'key required: MLOPS_API_KEY' : 'no key: this machine only'}${isLoopbackHost(config.host) ? '' : ', every interface'})`,
        );
        io.onListening?.(port, typeof address === 'object' && address ? address.address : config.host);
        const watching =
          options.watch === undefined
            ? Promise.resolve(undefined)
            : watchChecks(
                async () => {
                  try {
                    const result = await runCheck({ home: config.home, model });
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
      });
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportFailure(error, argv, io);
  }
}

/**
 * The CLI's edge for errors: the exit code from the one table (`exitCodes.ts`),
 * one line on stderr, and with `--json` one JSON object as the last stdout line
 * (`level: 'nothing-to-compare'` or `'failed'`), so a pipeline always has a verdict to read.
 */
function reportFailure(error: unknown, argv: readonly string[], io: CliIo): number {
  // Commander has already written its own message (a bad flag or argument); help is not a failure.
  if (error instanceof CommanderError && error.exitCode === 0) return 0;
  const code = error instanceof CommanderError ? EXIT.failed : exitCodeForError(error);
  const failure = describeFailure(error, code);
  if (!(error instanceof CommanderError)) {
    io.stderr.write(code === EXIT.nothingToCompare ? `${failure.message}\n` : `error: ${failure.message}\n`);
  }
  if (argv.includes('--json')) io.stdout.write(`${JSON.stringify(failure.json)}\n`);
  return code;
}

/**
 * The text `monitor run` prints: the verdict line (with every field not
 * monitored, by name), one line per such field with the reason, and the report.
 */
function humanSummary(result: CheckResult): string {
  const drifted = result.drift.columns.filter((c) => c.drifted).length;
  const notes = [
    result.prediction_drift?.drifted ? 'predictions drifted' : '',
    result.probability_drift?.drifted ? 'probabilities drifted' : '',
    result.prediction_drift?.reference === LABEL_FALLBACK
      ? 'predictions compared with the label: no stored predictions, retrain to compare like with like'
      : '',
    result.data_quality.issues ? `${result.data_quality.issues} features with data-quality issues` : '',
    result.not_monitored.length
      ? `not monitored: ${result.not_monitored.map((s) => s.column).join(', ')}`
      : '',
    result.skipped_log_lines.count ? `${result.skipped_log_lines.count} malformed log lines skipped` : '',
  ].filter(Boolean);
  const verdict = `${result.model} v${result.version}: ${result.drift.level.toUpperCase()} (${drifted}/${result.drift.columns.length} features drifted over ${result.predictions} predictions${notes.map((n) => `; ${n}`).join('')})`;
  const reasons = result.not_monitored.map((s) => `  ${s.column}: ${s.reason}\n`).join('');
  const skipped = result.skipped_log_lines;
  const lines = skipped.first
    .slice(0, 5)
    .map((s) => `  skipped log line ${s.segment}:${s.line}: ${s.reason}\n`)
    .join('');
  const more =
    skipped.count > 5
      ? `  … ${skipped.count - 5} more (report.json lists the first ${skipped.first.length})\n`
      : '';
  return `${verdict}\n${reasons}${lines}${more}report: ${result.html_path}\n`;
}

const fmt = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(4)).toString() : String(v));

function testOption(): Option {
  return new Option('--test <test>', 'one test for every column instead of the default choice').choices(
    driftTests as DriftTest[],
  );
}

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1)
    throw new InvalidArgumentError(`'${value}' is not a positive integer.`);
  return parsed;
}

function positiveNumber(value: string): number {
  const parsed = Number(value);
  if (!(parsed > 0)) throw new InvalidArgumentError(`'${value}' is not a positive number.`);
  return parsed;
}

function isoTime(value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new InvalidArgumentError(`'${value}' is not a time: use ISO 8601, e.g. 2026-01-31T00:00:00Z`);
  return date;
}

function windowOption(value: string) {
  const window = parseWindow(value);
  if (!window)
    throw new InvalidArgumentError(`'${value}' is not a window: use 30m, 1h, 1d, 7d or a number of rows`);
  return window;
}

function duration(value: string): number {
  const match = /^(\d+)(ms|s|m|h)$/.exec(value.trim());
  if (!match || Number(match[1]) <= 0)
    throw new InvalidArgumentError(`'${value}' is not an interval: use e.g. 30s, 5m or 1h`);
  return Number(match[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] as 'ms' | 's' | 'm' | 'h'];
}
