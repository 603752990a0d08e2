import { resolve } from 'node:path';
import { createLogger } from '@mlops/logger';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { readConfig } from './config';
import { exitCodeFor, runCheck } from './runCheck';

/** Streams and environment of one CLI run; tests pass their own. */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

/** Exit code for a failed run, apart from the drift levels 0, 1 and 2. */
export const ERROR_EXIT_CODE = 3;

/** Runs `monitor` on `argv` and returns the exit code: the alert level (0/1/2), or 3 on error. */
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
      .option('--out <dir>', 'report folder')
      .option('--min-rows <n>', 'fewest logged predictions worth a check', positiveInteger, 100)
      .addOption(new Option('--json', 'print the result as one JSON object on the last line of stdout'))
      .action(async (options) => {
        const result = await runCheck({
          home: config.home,
          model: options.model ?? config.defaultModel,
          since: options.since,
          out: options.out ? resolve(config.cwd, options.out) : undefined,
          minRows: options.minRows,
        });
        const drifted = result.drift.columns.filter((c) => c.drifted).map((c) => c.column);
        logger.info(`${result.model} v${result.version}: ${result.drift.level}`, {
          predictions: result.predictions,
          drifted: drifted.join(',') || 'none',
          report: result.report_path,
        });
        io.stdout.write(
          options.json
            ? `${JSON.stringify(result)}\n`
            : `${result.model} v${result.version}: ${result.drift.level.toUpperCase()} (${drifted.length}/${result.drift.columns.length} features drifted over ${result.predictions} predictions)\nreport: ${result.report_path}\n`,
        );
        exitCode = exitCodeFor(result);
      });
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : ERROR_EXIT_CODE;
    io.stderr.write(`error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
    return ERROR_EXIT_CODE;
  }
}

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1)
    throw new InvalidArgumentError(`'${value}' is not a positive integer.`);
  return parsed;
}

function isoTime(value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new InvalidArgumentError(`'${value}' is not a time: use ISO 8601, e.g. 2026-01-31T00:00:00Z`);
  return date;
}
