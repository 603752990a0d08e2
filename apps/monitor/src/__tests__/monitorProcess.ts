import { resolve } from 'node:path';
import { type CliRun, runCliProcess } from '@mlops/testkit';

/** What one run of the built `monitor` CLI printed, and its exit code. */
export type ProcessRun = CliRun;

const main = resolve(__dirname, '../../dist/main.js');

/**
 * Runs the built CLI (`dist/main.js`, so `pnpm build` first) as a real child
 * process on `home`: the exit code and the last-line JSON are what a CI job sees.
 */
export function monitorProcess(
  home: string,
  argv: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<ProcessRun> {
  return runCliProcess(main, argv, {
    env: { PATH: process.env.PATH, MLOPS_HOME: home, LOG_LEVEL: 'error', ...env },
  });
}
