import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { writeJsonAtomic } from '@mlops/features';
import { cacheOutput, restoreOutput } from './outputCache';
import { type Pipeline, type Stage, stageOrder, upstreamOf } from './pipelineFile';
import { isMlopsCommand, runStageCommand } from './runStageCommand';
import { checkStage, hashParams, hashPath, type PipelineLock } from './stageState';

/**
 * How one stage went. `not-promoted`: an `mlops` command exited 3 (it registered a
 * model version its gate refused); its outputs are written, so it is locked like `ran`.
 */
export interface StageResult {
  stage: string;
  status: 'ran' | 'not-promoted' | 'skipped' | 'restored' | 'failed' | 'blocked';
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
  return `${pipeline.path.replace(/\.ya?ml$/i, '')}.lock`;
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
 * A stage is judged when its upstream stages are done, so one whose upstream stage
 * re-ran to identical outputs is skipped.
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
      const rerunUp = (upstream.get(name) ?? []).find((up) =>
        ['ran', 'not-promoted'].includes(results.get(up)?.status ?? ''),
      );
      const task = runStage(pipeline, byName.get(name)!, lock, options, rerunUp).then(async (result) => {
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
  // A stage leaves `running` before its lock write settles: the run is done when the lock is.
  await lockWrite;
  return stageOrder(pipeline)
    .filter((name) => results.has(name))
    .map((name) => results.get(name)!);
}

async function runStage(
  pipeline: Pipeline,
  stage: Stage,
  lock: PipelineLock,
  options: RunPipelineOptions,
  /** An upstream stage that ran in this run, to explain a skip. */
  rerunUp?: string,
): Promise<StageResult> {
  const started = performance.now();
  const seconds = () => Math.round(performance.now() - started) / 1000;
  const locked = lock[stage.name];
  const check = options.force
    ? { reason: 'forced', restore: [] }
    : checkStage(pipeline, stage, locked, options.cacheDir);
  if (!check.reason) {
    for (const out of check.restore)
      restoreOutput(options.cacheDir, locked.outs[out], join(pipeline.dir, out));
    const restored = check.restore.length
      ? `restored ${check.restore.join(', ')} from the cache`
      : 'up to date';
    return {
      stage: stage.name,
      status: check.restore.length ? 'restored' : 'skipped',
      reason: rerunUp ? `${restored} (upstream stage '${rerunUp}' re-ran to the same outputs)` : restored,
      seconds: seconds(),
    };
  }
  options.output.write(`[${stage.name}] running (${check.reason}): ${stage.command}\n`);
  const code = await runStageCommand(stage, { ...options, cwd: pipeline.dir });
  // Exit 3 from this CLI: a version was registered and the gate kept it from production.
  // The outputs (its report) are written and the registration is done, so the stage is
  // locked and cached like one that ran: the next run must not register it again.
  const notPromoted = code === 3 && isMlopsCommand(stage);
  if (code !== 0 && !notPromoted)
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
    cacheOutput(options.cacheDir, hash, join(pipeline.dir, out));
  }
  lock[stage.name] = {
    cmd: stage.command,
    params: hashParams(stage.params),
    deps: Object.fromEntries(stage.deps.map((dep) => [dep, hashPath(join(pipeline.dir, dep))!])),
    outs,
  };
  if (notPromoted) {
    return {
      stage: stage.name,
      status: 'not-promoted',
      reason: `${check.reason}; registered a version its gate did not promote (exit 3)`,
      seconds: seconds(),
    };
  }
  return { stage: stage.name, status: 'ran', reason: check.reason, seconds: seconds() };
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
