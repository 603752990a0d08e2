import { PassThrough } from 'node:stream';
import { runCli } from '../cli';
import { type CliFolders, useTempFolders } from './tempFolders';

/** What one CLI run printed; `json` is the parsed last stdout line, shaped by the command. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  // biome-ignore lint/suspicious/noExplicitAny: each command prints its own shape
  json: any;
}

/**
 * A fresh MLOPS_HOME and working folder for every test of the calling file (removed
 * after it), and `mlops(...argv)` running the CLI in them as cli.test.ts does.
 */
export function useMlopsCli(): { folders: CliFolders; mlops: (...argv: string[]) => Promise<CliRun> } {
  const folders = useTempFolders();
  const mlops = async (...argv: string[]): Promise<CliRun> => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const out: string[] = [];
    const err: string[] = [];
    stdout.on('data', (chunk) => out.push(String(chunk)));
    stderr.on('data', (chunk) => err.push(String(chunk)));
    const code = await runCli(argv, {
      stdout,
      stderr,
      env: { MLOPS_HOME: folders.home, INIT_CWD: folders.work, LOG_LEVEL: 'warn' },
    });
    await new Promise((resolve) => setImmediate(resolve));
    const text = out.join('');
    const last = text.trim().split('\n').at(-1) ?? '';
    return {
      code,
      stdout: text,
      stderr: err.join(''),
      json: last.startsWith('{') ? JSON.parse(last) : undefined,
    };
  };
  return { folders, mlops };
}
