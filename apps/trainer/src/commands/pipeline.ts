import { resolve } from 'node:path';
import { storeLayout } from '@mlops/registry';
import { CliError } from '../CliError';
import { type CommandContext, printResult, userPath } from '../CommandContext';
import { readPipelineFile } from '../pipeline/pipelineFile';
import { readLock, runPipeline, type StageResult } from '../pipeline/runPipeline';
import { stageGraph, stageGraphMermaid, stageGraphText } from '../pipeline/stageGraph';
import { stageStatus } from '../pipeline/stageStatus';
import { stageTable } from '../pipeline/stageTable';

/** Options shared by the pipeline commands. */
export interface PipelineOptions {
  /** @default pipeline.yaml */
  file?: string;
}

/**
 * `mlops pipeline run [--stage S…] [--force]`: runs what changed, restores what did not.
 * Exits 1 when a stage failed (or was blocked), else 3 when a stage registered a version
 * its gate did not promote; either way after every stage had its chance, with the table.
 */
export async function pipelineRun(
  context: CommandContext,
  options: PipelineOptions & { stage?: string[]; force?: boolean; jobs?: number },
): Promise<{ stages: StageResult[] }> {
  const pipeline = readPipelineFile(userPath(context, options.file ?? 'pipeline.yaml'));
  for (const name of options.stage ?? []) {
    if (!pipeline.stages.some((stage) => stage.name === name)) {
      throw new CliError(
        `no stage '${name}' in ${pipeline.path} (stages: ${pipeline.stages.map((s) => s.name).join(', ')})`,
      );
    }
  }
  const stages = await runPipeline(pipeline, {
    cacheDir: storeLayout(context.config.home).cache,
    force: options.force,
    only: options.stage,
    concurrency: options.jobs,
    env: { ...process.env, MLOPS_HOME: context.config.home, INIT_CWD: pipeline.dir },
    // dist/main.js from both src/commands (tests) and dist/commands (the built CLI).
    mlopsCommand: `"${process.execPath}" "${resolve(__dirname, '..', '..', 'dist', 'main.js')}"`,
    output: context.stderr,
  });
  const table = stageTable(stages);
  const failed = stages.filter((s) => s.status === 'failed' || s.status === 'blocked');
  const notPromoted = stages.filter((s) => s.status === 'not-promoted');
  if (failed.length || notPromoted.length) {
    // The table shows what did run, was restored, failed and was blocked; the error line
    // stays last. With --json the CLI prints the result carried by the error instead.
    if (!context.json) context.stderr.write(`${table}\n`);
    if (failed.length) {
      throw new CliError(`pipeline failed: ${failed.map((s) => `${s.stage} (${s.reason})`).join('; ')}`, 1, {
        stages,
      });
    }
    // Every stage had its chance; exit 3 tells a caller (CI, monitor --on-retrain) that
    // a new version exists but production did not move, as `mlops train` does.
    throw new CliError(
      `pipeline ran, but ${notPromoted.map((s) => s.stage).join(', ')} registered a version its gate did not promote: see its report, or promote it with \`mlops models promote <name> <version> --force\``,
      3,
      { stages },
    );
  }
  printResult(context, { stages }, table);
  return { stages };
}

/**
 * `mlops pipeline status`: which stages are up to date, and why the others are not
 * (their own change, or a change upstream of them).
 */
export async function pipelineStatus(context: CommandContext, options: PipelineOptions) {
  const pipeline = readPipelineFile(userPath(context, options.file ?? 'pipeline.yaml'));
  const stages = stageStatus(pipeline, readLock(pipeline), storeLayout(context.config.home).cache);
  printResult(
    context,
    { stages },
    stages.map((s) => `${s.up_to_date ? 'ok   ' : 'stale'}  ${s.stage.padEnd(24)} ${s.reason}`).join('\n'),
  );
  return { stages };
}

/** `mlops pipeline dag [--mermaid]`: every stage and what each waits for. */
export async function pipelineDag(context: CommandContext, options: PipelineOptions & { mermaid?: boolean }) {
  const graph = stageGraph(readPipelineFile(userPath(context, options.file ?? 'pipeline.yaml')));
  printResult(context, graph, options.mermaid ? stageGraphMermaid(graph) : stageGraphText(graph));
  return graph;
}
