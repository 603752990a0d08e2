import { execFile } from 'node:child_process';
import { PassThrough } from 'node:stream';

/** What one run of a CLI printed, and its exit code. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** The last stdout line, parsed, when it is a JSON object (the apps' `--json` contract); else undefined. */
  // biome-ignore lint/suspicious/noExplicitAny: each command prints its own shape
  json: any;
}

/** The streams {@link captureCli} hands the CLI it runs in-process. */
export interface CapturedStreams {
  stdout: PassThrough;
  stderr: PassThrough;
}

/** Options of {@link runCliProcess}. */
export interface CliProcessOptions {
  /** The child's whole environment (nothing of the test process's is inherited but what is passed). */
  env: NodeJS.ProcessEnv;
  /** Working folder of the child. @default the test process's */
  cwd?: string;
}

/**
 * Runs a CLI in-process: `run` gets fresh stdout/stderr streams and returns the
 * exit code; the answer holds what it wrote to each once its last write landed.
 */
export async function captureCli(run: (streams: CapturedStreams) => Promise<number>): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk) => out.push(String(chunk)));
  stderr.on('data', (chunk) => err.push(String(chunk)));
  const code = await run({ stdout, stderr });
  // 'data' events of the last writes fire on the next turn of the loop.
  await new Promise((resolve) => setImmediate(resolve));
  return cliRun(code, out.join(''), err.join(''));
}

/**
 * Runs a built CLI (`main`, a JavaScript file) as a real child process of this
 * Node, so the exit code and the last-line JSON are what a CI job sees.
 */
export function runCliProcess(
  main: string,
  argv: readonly string[],
  options: CliProcessOptions,
): Promise<CliRun> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [main, ...argv],
      { cwd: options.cwd, env: options.env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        done(cliRun(error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr));
      },
    );
  });
}

function cliRun(code: number, stdout: string, stderr: string): CliRun {
  const last = stdout.trim().split('\n').at(-1) ?? '';
  return { code, stdout, stderr, json: last.startsWith('{') ? JSON.parse(last) : undefined };
}
