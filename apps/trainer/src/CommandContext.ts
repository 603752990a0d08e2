import { resolve } from 'node:path';
import type { Logger } from '@mlops/logger';
import type { Stores } from '@mlops/registry';
import type { TrainerConfig } from './config';

/** What every command gets: configuration, a logger (stderr), and where results go. */
export interface CommandContext {
  config: TrainerConfig;
  logger: Logger;
  stdout: NodeJS.WritableStream;
  /** Where commands run by a pipeline write their output. */
  stderr: NodeJS.WritableStream;
  /** Print results as one JSON object on the last line of stdout. */
  json: boolean;
  /**
   * The registry and run store of this run (`openStores` of @mlops/registry: PostgreSQL
   * when `MLOPS_DATABASE_URL` is set, else the folder), opened on first use and closed
   * by `runCli` when the command ends, so the process exits without waiting on a pool.
   */
  stores(): Promise<Stores>;
}

/** A path from the command line, relative to the folder the user called pnpm from. */
export function userPath(context: CommandContext, path: string): string {
  return resolve(context.config.cwd, path);
}

/** Prints a command's result: one JSON line with --json, else the human text. */
export function printResult(context: CommandContext, result: object, human: string): void {
  context.stdout.write(context.json ? `${JSON.stringify(result)}\n` : `${human}\n`);
}

/** The same context with results discarded: for a command run as one step of another. */
export function quietContext(context: CommandContext): CommandContext {
  return { ...context, stdout: { write: () => true } as unknown as NodeJS.WritableStream, json: false };
}
