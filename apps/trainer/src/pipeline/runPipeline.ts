import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { writeJsonAtomic } from '@mlops/features';
import { type Pipeline, type Stage, stageOrder, upstreamOf } from './pipelineFile';
import { hashParams, hashPath, outputsToRestore, type PipelineLock, staleReason } from './stageState';

/** How one stage went. */
export interface StageResult {
  stage: string;
  status: 'ran' | 'skipped' | 'restored' | 'failed' | 'blocked';
  /** Why it ran, failed or was blocked. */
  reason: string;
  seconds: number;
}

/** Options of {@link runPipeline}. */
export interface RunPipelineOptions {
  /** Content-addressed copies of stage outputs. */
  cacheDir: string;
  /** Run every stage even when up to date. */
  force?: boolean;
  /** Only these stages (and what they need). */
  only?: string[];
  /** Stages run at once. @default the number of cores */
  concurrency?: number;
  /** Environment of the commands. */
  env: NodeJS.ProcessEnv;
  /** How `mlops …` in a command is run: the trainer's own entry. */
  mlopsCommand: string;
  /** Where commands' output goes (the user's stderr). */
  output: NodeJS.WritableStream;
}

/** The lock file beside a pipeline file. */
export function lockPathFor(pipeline: Pipeline): string {
  return pipeline.path.replace(/\.ya?ml$/i, '') + '.lock';
}

/** Reads the lock file (empty when there is none). */
export function readLock(pipeline: Pipeline): PipelineLock {
  const path = lockPathFor(pipeline);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as PipelineLock) : {};
}

/**
 * Runs a pipeline as a DAG, independent stages in parallel. A stage whose command,
 * params and dependencies hash as in the lock file is skipped, and its missing
 * outputs are restored from the cache; a stage that fails blocks what depends on it.
 */
export async function runPipeline(pipeline: Pipeline, options: RunPipelineOptions): Promise<StageResult[]> {
  const lock = readLock(pipeline);
  const upstream = upstreamOf(pipeline);
  const selected = selectStages(pipeline, upstream, options.only);
  const byName = new Map(pipeline.stages.map((stage) => [stage.name, stage]));
  const results = new Map<string, StageResult>();
  const running = new Map<string, Promise<void>>();
  const limit = options.concurrency ?? cpus().length;
  let lockWrite = Promise.resolve();

  const ready = (name: string) =>
    (upstream.get(name) ?? []).every((up) => !selected.has(up) || results.has(up));
  const pending = stageOrder(pipeline).filter((name) => selected.has(name));
  while (pending.length > 0 || running.size > 0) {
    for (let i = 0; i < pending.length && running.size < limit; ) {
      const name = pending[i];
      if (!ready(name)) {
        i += 1;
        continue;
      }
      pending.splice(i, 1);
      const failedUp = (upstream.get(name) ?? []).find((up) =>
        ['failed', 'blocked'].includes(results.get(up)?.status ?? ''),
      );
      if (failedUp) {
        results.set(name, {
          stage: name,
          status: 'blocked',
          reason: `upstream stage '${failedUp}' failed`,
          seconds: 0,
        });
        continue;
      }
      const task = runStage(pipeline, byName.get(name)!, lock, options).then(async (result) => {
        results.set(name, result);
        running.delete(name);
        if (result.status !== 'failed') {
          lockWrite = lockWrite.then(() => writeJsonAtomic(lockPathFor(pipeline), lock));
          await lockWrite;
        }
      });
      running.set(name, task);
    }
    if (running.size > 0) await Promise.race(running.values());
    else if (pending.length > 0 && !pending.some(ready)) break;
  }
  return stageOrder(pipeline)
    .filter((name) => results.has(name))
    .map((name) => results.get(name)!);
}

async function runStage(
  pipeline: Pipeline,
  stage: Stage,
  lock: PipelineLock,
  options: RunPipelineOptions,
): Promise<StageResult> {
  const started = performance.now();
  const seconds = () => Math.round(performance.now() - started) / 1000;
  const reason = options.force ? 'forced' : staleReason(pipeline, stage, lock[stage.name]);
  if (!reason) {
    const missing = outputsToRestore(pipeline, stage, lock[stage.name]);
    if (missing.every((out) => existsSync(cachePath(options.cacheDir, lock[stage.name].outs[out])))) {
      for (const out of missing)
        restore(options.cacheDir, lock[stage.name].outs[out], join(pipeline.dir, out));
      return {
        stage: stage.name,
        status: missing.length ? 'restored' : 'skipped',
        reason: missing.length ? `restored ${missing.join(', ')} from the cache` : 'up to date',
        seconds: seconds(),
      };
    }
  }
  const why = reason ?? 'outputs missing and not in the cache';
  options.output.write(`[${stage.name}] running (${why}): ${stage.command}\n`);
  const code = await runCommand(stage, pipeline.dir, options);
  if (code !== 0)
    return { stage: stage.name, status: 'failed', reason: `command exited with ${code}`, seconds: seconds() };
  const outs: Record<string, string> = {};
  for (const out of stage.outs) {
    const hash = hashPath(join(pipeline.dir, out));
    if (hash === undefined) {
      return {
        stage: stage.name,
        status: 'failed',
        reason: `the command did not write ${out}`,
        seconds: seconds(),
      };
    }
    outs[out] = hash;
    const cached = cachePath(options.cacheDir, hash);
    if (!existsSync(cached)) {
      mkdirSync(dirname(cached), { recursive: true });
      copyFileSync(join(pipeline.dir, out), `${cached}.tmp`);
      renameSync(`${cached}.tmp`, cached);
    }
  }
  lock[stage.name] = {
    cmd: stage.command,
    params: hashParams(stage.params),
    deps: Object.fromEntries(stage.deps.map((dep) => [dep, hashPath(join(pipeline.dir, dep))!])),
    outs,
  };
  return { stage: stage.name, status: 'ran', reason: why, seconds: seconds() };
}

function runCommand(stage: Stage, cwd: string, options: RunPipelineOptions): Promise<number> {
  const command = stage.command.replace(/^\s*mlops\s/, `${options.mlopsCommand} `);
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', command], { cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
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

function selectStages(pipeline: Pipeline, upstream: Map<string, string[]>, only?: string[]): Set<string> {
  if (!only?.length) return new Set(pipeline.stages.map((stage) => stage.name));
  const selected = new Set<string>();
  const add = (name: string) => {
    if (selected.has(name)) return;
    selected.add(name);
    for (const up of upstream.get(name) ?? []) add(up);
  };
  for (const name of only) add(name);
  return selected;
}

function cachePath(cacheDir: string, hash: string): string {
  return join(cacheDir, hash.slice(0, 2), hash);
}

function restore(cacheDir: string, hash: string, target: string): void {
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(cachePath(cacheDir, hash), `${target}.restoring`);
  renameSync(`${target}.restoring`, target);
}
