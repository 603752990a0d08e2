import { resolve } from 'node:path';
import type { DriftTest } from '@mlops/drift';
import { type Command, Option } from 'commander';
import { LABEL_FALLBACK } from '../check/predictionDrift';
import type { WindowSpec } from '../check/timeWindow';
import { watchChecks } from '../check/watchChecks';
import { checkModelName } from '../errors';
import { EXIT, exitCodeForLevel } from '../exitCodes';
import { type CheckResult, runCheck } from '../runCheck';
import type { CommandContext } from './CommandContext';
import {
  checkThreshold,
  duration,
  isoTime,
  jsonOption,
  positiveInteger,
  positiveNumber,
  testOption,
  windowOption,
} from './options';

/** Options of `monitor run`, as commander parses them. */
export interface RunOptions {
  model?: string;
  since?: Date;
  window?: WindowSpec;
  out?: string;
  labels?: string;
  minRows: number;
  test?: DriftTest;
  threshold?: number;
  watch?: number;
  webhook?: string;
  onRetrain?: string;
  maxRuns?: number;
  json?: boolean;
}

/** Adds `monitor run` to `program`: its options, and the action that checks (once or on a schedule) and prints. */
export function addRunCommand(program: Command, context: CommandContext): Command {
  return program
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
      new Option('--max-runs <n>', 'with --watch: stop after n checks').argParser(positiveInteger).hideHelp(),
    )
    .addOption(jsonOption())
    .action((options: RunOptions, command: Command) => {
      checkThreshold(command, options.test, options.threshold);
      return runAction(context, options);
    });
}

async function runAction(context: CommandContext, options: RunOptions): Promise<void> {
  const { config, logger, io } = context;
  const model = checkModelName(options.model ?? config.defaultModel);
  const check = async () =>
    runCheck({
      home: config.home,
      registry: (await context.stores()).registry,
      // The store's log: PostgreSQL with MLOPS_DATABASE_URL, else the segment files under home.
      log: (await context.stores()).predictionLog,
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
    logger.info(runLogLine(result), {
      predictions: result.predictions,
      drifted: driftedColumns(result).join(',') || 'none',
      report: result.report_path,
    });
    io.stdout.write(options.json ? runJson(result) : runSummary(result));
  };
  if (options.watch === undefined && options.webhook === undefined && options.onRetrain === undefined) {
    const result = await check();
    print(result);
    context.setExitCode(exitCodeForLevel(result.drift.level));
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
  context.setExitCode(last.result ? exitCodeForLevel(last.result.drift.level) : EXIT.failed);
}

const driftedColumns = (result: CheckResult) =>
  result.drift.columns.filter((c) => c.drifted).map((c) => c.column);

/** The log line of one check: model, version and level. */
export function runLogLine(result: CheckResult): string {
  return `${result.model} v${result.version}: ${result.drift.level}`;
}

/** What `monitor run --json` prints: the result with its level first, on one line. */
export function runJson(result: CheckResult): string {
  return `${JSON.stringify({ level: result.drift.level, ...result })}\n`;
}

/**
 * The text `monitor run` prints: the verdict line (with every field not
 * monitored, by name), one line per such field with the reason, the first
 * skipped log lines, and the report.
 */
export function runSummary(result: CheckResult): string {
  const drifted = driftedColumns(result).length;
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
