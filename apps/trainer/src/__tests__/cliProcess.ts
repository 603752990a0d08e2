import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { type CliFolders, useTempFolders } from './tempFolders';

/** What one run of the built `mlops` CLI printed, and its exit code. */
export interface ProcessRun {
  code: number;
  stdout: string;
  stderr: string;
  // biome-ignore lint/suspicious/noExplicitAny: each command prints its own shape
  json: any;
}

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
    new Promise<ProcessRun>((done) => {
      execFile(
        process.execPath,
        [main, ...argv],
        {
          cwd: folders.work,
          env: {
            PATH: process.env.PATH,
            MLOPS_HOME: folders.home,
            INIT_CWD: folders.work,
            LOG_LEVEL: 'warn',
            ...env,
          },
          maxBuffer: 64 * 1024 * 1024,
        },
        (error, stdout, stderr) => {
          const last = stdout.trim().split('\n').at(-1) ?? '';
          done({
            code: error ? ((error as { code?: number }).code ?? 1) : 0,
            stdout,
            stderr,
            json: last.startsWith('{') ? JSON.parse(last) : undefined,
          });
        },
      );
    });
  return { folders, mlops };
}
