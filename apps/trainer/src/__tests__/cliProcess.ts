import { resolve } from 'node:path';
import { type CliRun, runCliProcess } from '@mlops/testkit';
import { type CliFolders, useTempFolders } from './tempFolders';

/** What one run of the built `mlops` CLI printed, and its exit code. */
export type ProcessRun = CliRun;

const main = resolve(__dirname, '../../dist/main.js');

/**
 * A fresh MLOPS_HOME and working folder per test, and `mlops(...argv)` running
 * the built CLI (`dist/main.js`) as a real child process in them: exit codes and
 * the last-line JSON are what a CI job sees.
 */
export function useMlopsProcess(env: NodeJS.ProcessEnv = {}): {
  folders: CliFolders;
  mlops: (...argv: string[]) => Promise<ProcessRun>;
} {
  const folders = useTempFolders();
  const mlops = (...argv: string[]) =>
    runCliProcess(main, argv, {
      cwd: folders.work,
      env: {
        PATH: process.env.PATH,
        MLOPS_HOME: folders.home,
        INIT_CWD: folders.work,
        LOG_LEVEL: 'warn',
        ...env,
      },
    });
  return { folders, mlops };
}
