import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sha256File } from '../provenance';
import { cachePath } from './outputCache';
import type { Pipeline, Stage } from './pipelineFile';

/** What a stage's last successful run used and produced, as the lock file keeps it. */
export interface StageLock {
  /** The command as it ran: params substituted. */
  cmd: string;
  params: string;
  deps: Record<string, string>;
  outs: Record<string, string>;
}

/** The lock file: the last successful state of every stage. */
export type PipelineLock = Record<string, StageLock>;

/** The sha256 of a dependency as the stage will read it; `undefined` when it will be missing. */
export type DependencyHash = (dep: string) => string | undefined;

/**
 * Why a stage must run judged by itself (its command, params, dependencies and
 * declared outputs against the lock), or `undefined` when it is up to date.
 * `hashOf` defaults to hashing the file as it is now.
 */
export function staleReason(
  pipeline: Pipeline,
  stage: Stage,
  lock: StageLock | undefined,
  hashOf: DependencyHash = (dep) => hashPath(join(pipeline.dir, dep)),
): string | undefined {
  if (!lock) return 'never ran';
  // The lock holds the resolved command, so params are compared first: a new param
  // value changes the command too, and "params changed" is the reason the user knows.
  if (lock.params !== hashParams(stage.params)) return 'params changed';
  if (lock.cmd !== stage.command) return 'command changed';
  for (const dep of stage.deps) {
    const hash = hashOf(dep);
    if (hash === undefined) return `dependency ${dep} is missing`;
    if (lock.deps[dep] !== hash) return `dependency ${dep} changed`;
  }
  if (
    stage.deps.some((dep) => !(dep in lock.deps)) ||
    Object.keys(lock.deps).some((dep) => !stage.deps.includes(dep))
  ) {
    return 'dependencies changed';
  }
  if (stage.outs.some((out) => !(out in lock.outs))) return 'outputs changed';
  return undefined;
}

/** What a stage needs judged by itself: a reason to run, or else the outputs to restore from the cache. */
export interface StageCheck {
  /** Why it must run; `undefined` when it is up to date. */
  reason?: string;
  /** Outputs missing or altered, all in the cache (empty when it must run). */
  restore: string[];
}

/**
 * Whether a stage must run by itself: stale against the lock, or up to date but with
 * outputs that are gone and not in the cache (so only running it brings them back).
 */
export function checkStage(
  pipeline: Pipeline,
  stage: Stage,
  lock: StageLock | undefined,
  cacheDir: string,
  hashOf?: DependencyHash,
): StageCheck {
  const reason = staleReason(pipeline, stage, lock, hashOf);
  if (reason || !lock) return { reason, restore: [] };
  const restore = outputsToRestore(pipeline, stage, lock);
  if (restore.some((out) => !existsSync(cachePath(cacheDir, lock.outs[out])))) {
    return { reason: 'outputs missing and not in the cache', restore: [] };
  }
  return { restore };
}

/** The outputs whose files are missing or differ from the lock (they can be restored from the cache). */
export function outputsToRestore(pipeline: Pipeline, stage: Stage, lock: StageLock): string[] {
  return stage.outs.filter((out) => hashPath(join(pipeline.dir, out)) !== lock.outs[out]);
}

/** sha256 of a file, `undefined` when it does not exist. */
export function hashPath(path: string): string | undefined {
  return existsSync(path) ? sha256File(path) : undefined;
}

/** A stable hash of a stage's params (keys sorted). */
export function hashParams(params: Record<string, unknown>): string {
  const stable = (value: unknown): unknown =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(
          Object.keys(value)
            .sort()
            .map((key) => [key, stable((value as Record<string, unknown>)[key])]),
        )
      : value;
  return createHash('sha256')
    .update(JSON.stringify(stable(params)))
    .digest('hex');
}
