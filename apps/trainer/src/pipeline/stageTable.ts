import type { StageResult } from './runPipeline';

/** One line per stage: status, name, seconds, reason; what `pipeline run` prints, also when it fails. */
export function stageTable(stages: StageResult[]): string {
  const status = Math.max(...stages.map((s) => s.status.length));
  const name = Math.max(24, ...stages.map((s) => s.stage.length));
  return stages
    .map(
      (s) =>
        `${s.status.padEnd(status)}  ${s.stage.padEnd(name)} ${s.seconds.toFixed(2).padStart(7)} s  ${s.reason}`,
    )
    .join('\n');
}
