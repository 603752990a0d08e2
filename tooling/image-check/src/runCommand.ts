import { spawn } from 'node:child_process';

/** What a finished command left behind. */
export interface CommandResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Options of {@link runCommand}. */
export interface RunOptions {
  /** Extra environment for the command (merged over this process's). */
  env?: NodeJS.ProcessEnv;
  /** Echo the command's stderr (and stdout) to ours while it runs: long builds show progress. @default false */
  echo?: boolean;
}

/** Runs `command args…` to completion and collects its output; never throws on a non-zero exit. */
export function runCommand(
  command: string,
  args: string[],
  options: RunOptions = {},
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
      if (options.echo) process.stderr.write(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
      if (options.echo) process.stderr.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** The last `lines` lines of a command's output: enough to name a failure without flooding the log. */
export function tail(text: string, lines = 15): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** Runs a command that must succeed: a non-zero exit throws with the command line and its output's tail. */
export async function runChecked(command: string, args: string[], options: RunOptions = {}): Promise<string> {
  const result = await runCommand(command, args, options);
  if (result.code !== 0) {
    const output = options.echo ? '' : `\n${tail(result.stderr || result.stdout)}`;
    throw new Error(`\`${command} ${args.join(' ')}\` exited ${result.code ?? result.signal}${output}`);
  }
  return result.stdout;
}
