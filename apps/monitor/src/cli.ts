import { createLogger } from '@mlops/logger';
import { openStores, type Stores } from '@mlops/registry';
import { Command, CommanderError } from 'commander';
import { describeFailure } from './cliFailure';
import type { CliIo, CommandContext } from './commands/CommandContext';
import { addDriftCommand } from './commands/drift';
import { addRunCommand } from './commands/run';
import { addServeCommand } from './commands/serve';
import { readConfig } from './config';
import { EXIT, exitCodeForError } from './exitCodes';

export type { CliIo } from './commands/CommandContext';

/** Exit code for a failed run, apart from the drift levels 0, 1 and 2 and nothing to compare (4). */
export const ERROR_EXIT_CODE = EXIT.failed;

/**
 * Runs `monitor` on `argv` and returns the exit code: the alert level (0/1/2), 3
 * when the run failed, 4 when there was nothing to compare (see `exitCodes.ts`).
 * The commands live in `commands/`; this is their wiring and the error edge.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  let opened: Promise<Stores> | undefined;
  try {
    const config = readConfig(io.env);
    const logger = createLogger({ service: 'monitor', level: config.logLevel, stream: io.stderr });
    const stores = () => {
      opened ??= openStores({ home: config.home, database: config.database });
      return opened;
    };
    const context: CommandContext = { config, logger, io, setExitCode: (code) => (exitCode = code), stores };
    const program = new Command('monitor')
      .description('Watch production models: drift of logged inputs against the training baseline.')
      .exitOverride()
      .configureOutput({
        writeOut: (text) => io.stdout.write(text),
        writeErr: (text) => io.stderr.write(text),
      });
    addRunCommand(program, context);
    addDriftCommand(program, context);
    addServeCommand(program, context);
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportFailure(error, argv, io);
  } finally {
    // A pool left open would keep the process alive after the command ended.
    await opened?.then(
      (stores) => stores.close(),
      () => {},
    );
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
