import { spawn } from 'node:child_process';
import type { Stage } from './pipelineFile';

/** Where and how a stage's command runs. */
export interface StageCommandOptions {
  /** The pipeline file's folder. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** What a leading `mlops ` in the command is replaced by: the trainer's own entry. */
  mlopsCommand: string;
  /** Where the command's stdout and stderr go, each line prefixed with the stage name. */
  output: NodeJS.WritableStream;
}

/** Whether the stage runs this CLI (its command starts with `mlops `), whose exit codes mean what the CLI says. */
export function isMlopsCommand(stage: Stage): boolean {
  return /^\s*mlops\s/.test(stage.command);
}

/** Runs a stage's resolved command with `sh -c` and returns its exit code (127 when it could not start). */
export function runStageCommand(stage: Stage, options: StageCommandOptions): Promise<number> {
  const command = isMlopsCommand(stage)
    ? stage.command.replace(/^\s*mlops\s/, `${options.mlopsCommand} `)
    : stage.command;
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', command], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const prefix = (chunk: Buffer) =>
      chunk
        .toString()
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => `[${stage.name}] ${line}\n`)
        .join('');
    child.stdout.on('data', (chunk: Buffer) => options.output.write(prefix(chunk)));
    child.stderr.on('data', (chunk: Buffer) => options.output.write(prefix(chunk)));
    child.on('error', () => resolve(127));
    child.on('close', (code) => resolve(code ?? 1));
  });
}
