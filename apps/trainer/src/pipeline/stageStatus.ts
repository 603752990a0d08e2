import { join } from 'node:path';
import { type Pipeline, stageOrder, upstreamOf } from './pipelineFile';
import { checkStage, hashPath, type PipelineLock } from './stageState';

/** One stage in `pipeline status`. */
export interface StageStatus {
  stage: string;
  /** `false` when `pipeline run` would run it (or may: see {@link stageStatus}). */
  up_to_date: boolean;
  /** Why it is stale, or what up to date means here (outputs to restore). */
  reason: string;
}

/**
 * What `pipeline run` will find for every stage, without running anything. A stage is
 * stale for a reason of its own, or because a stage upstream of it is: it then reads
 * `upstream stage 'X' changed`, naming the stage whose own change started it. (Run may
 * still skip such a stage when the upstream stage re-runs to byte-identical outputs.)
 * An output that will be restored from the cache counts as its locked content, and one
 * a stale stage will write again is not judged now, so a reader is not reported stale
 * for a file that is only missing until its writer runs.
 */
export function stageStatus(pipeline: Pipeline, lock: PipelineLock, cacheDir: string): StageStatus[] {
  const upstream = upstreamOf(pipeline);
  const byName = new Map(pipeline.stages.map((stage) => [stage.name, stage]));
  const writer = new Map(pipeline.stages.flatMap((stage) => stage.outs.map((out) => [out, stage.name])));
  // The locked hash of every output an up-to-date stage will restore.
  const restored = new Map<string, string>();
  // Stale stage → the stage whose own change makes it stale.
  const cause = new Map<string, string>();
  return stageOrder(pipeline).map((name) => {
    const stage = byName.get(name)!;
    const check = checkStage(pipeline, stage, lock[name], cacheDir, (dep) => {
      // Written again by a stale stage: what it will hold is unknown until run; the cause is upstream.
      if (cause.has(writer.get(dep) ?? '')) return lock[name]?.deps[dep] ?? 'rewritten';
      return restored.get(dep) ?? hashPath(join(pipeline.dir, dep));
    });
    if (check.reason) {
      cause.set(name, name);
      return { stage: name, up_to_date: false, reason: check.reason };
    }
    const staleUp = (upstream.get(name) ?? []).find((up) => cause.has(up));
    if (staleUp) {
      cause.set(name, cause.get(staleUp)!);
      return { stage: name, up_to_date: false, reason: `upstream stage '${cause.get(staleUp)}' changed` };
    }
    for (const out of check.restore) restored.set(out, lock[name].outs[out]);
    return {
      stage: name,
      up_to_date: true,
      reason: check.restore.length ? `outputs to restore: ${check.restore.join(', ')}` : 'up to date',
    };
  });
}
