import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

/** What one run of the built `monitor` CLI printed, and its exit code. */
export interface ProcessRun {
  code: number;
  stdout: string;
  stderr: string;
  /** The last stdout line, parsed, when it is a JSON object. */
  // biome-ignore lint/suspicious/noExplicitAny: each command prints its own shape
  json: any;
}

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
  return new Promise((done) => {
    execFile(
      process.execPath,
      [main, ...argv],
      {
        env: { PATH: process.env.PATH, MLOPS_HOME: home, LOG_LEVEL: 'error', ...env },
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
}
