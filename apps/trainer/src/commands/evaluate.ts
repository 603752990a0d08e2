import { existsSync, readFileSync } from 'node:fs';
import { readDataset, writeJsonAtomic } from '@mlops/features';
import { evaluatePipeline, type Metrics, ModelPipeline, numericMetrics } from '@mlops/models';
import { CliError } from '../CliError';
import { type CommandContext, printResult, userPath } from '../CommandContext';

/** Options of `mlops evaluate`. */
export interface EvaluateOptions {
  name: string;
  version?: number;
  /** A `train --report` file: evaluate exactly the version that training registered. */
  versionFrom?: string;
  /** @default 'production' when no version is given */
  alias?: string;
  data: string;
  /** Also write the result JSON to this file (a pipeline stage's output). */
  report?: string;
  /** CSV cells read as missing values. */
  naValues?: string[];
  encoding?: 'utf-8' | 'latin1';
}

/** What `mlops evaluate` printed. */
export interface EvaluateResult {
  name: string;
  version: number;
  rows: number;
  metrics: Metrics;
  /** The version's metrics at registration, to compare with. */
  registered_metrics: Metrics;
  run_id: string;
}

/** Scores a registered version on a labelled file, and records the evaluation as a run. */
export async function evaluate(context: CommandContext, options: EvaluateOptions): Promise<EvaluateResult> {
  const registry = (await context.stores()).registry;
  const requested =
    options.versionFrom !== undefined
      ? reportedVersion(userPath(context, options.versionFrom), options.name)
      : options.version;
  const version = await registry.resolve(
    options.name,
    requested !== undefined ? { version: requested } : { alias: options.alias ?? 'production' },
  );
  const pipeline = ModelPipeline.fromJSON(await registry.readModelDocument(options.name, version));
  const dataPath = userPath(context, options.data);
  const table = readDataset(dataPath, { naValues: options.naValues, encoding: options.encoding });
  const { target } = pipeline.document;
  if (!table.has(target)) {
    throw new CliError(`${dataPath} has no label column '${target}': evaluate needs labelled data`);
  }
  const metrics: Metrics = evaluatePipeline(pipeline, table);

  const runs = (await context.stores()).runs;
  const run = await runs.start({
    experiment: options.name,
    kind: 'evaluate',
    params: { version, data: dataPath },
  });
  await runs.end(run.id, { status: 'finished', metrics: numericMetrics(metrics) });
  const record = await registry.getVersion(options.name, version);
  const result: EvaluateResult = {
    name: options.name,
    version,
    rows: table.numRows,
    metrics,
    registered_metrics: record.metrics,
    run_id: run.id,
  };
  if (options.report) await writeJsonAtomic(userPath(context, options.report), result);
  const lines = Object.entries(numericMetrics(metrics)).map(([metric, value]) => {
    const before = record.metrics[metric];
    return `  ${metric.padEnd(10)} ${value.toFixed(4)}${typeof before === 'number' ? `  (at registration ${before.toFixed(4)})` : ''}`;
  });
  printResult(
    context,
    result,
    [`${options.name} v${version} on ${table.numRows} rows:`, ...lines].join('\n'),
  );
  return result;
}

/**
 * The version a `train --report` file registered, so a pipeline evaluates what its train
 * stage just wrote rather than the production alias (which the gate may have kept on an
 * older version). Refuses a missing or non-JSON file, a report of another model and a
 * report without a version (that training did not register).
 */
export function reportedVersion(path: string, name: string): number {
  if (!existsSync(path)) {
    throw new CliError(
      `--version-from ${path} does not exist: write it with \`mlops train … --name ${name} --report <file>\` first`,
    );
  }
  let report: { name?: unknown; version?: unknown };
  try {
    report = (JSON.parse(readFileSync(path, 'utf8')) ?? {}) as typeof report;
  } catch (error) {
    throw new CliError(`--version-from ${path} is not JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  if (report.name !== undefined && report.name !== name) {
    throw new CliError(
      `${path} is a report of model '${String(report.name)}', not '${name}': pass --name ${String(report.name)} or the report of a ${name} training`,
    );
  }
  if (typeof report.version !== 'number' || !Number.isInteger(report.version)) {
    throw new CliError(
      `${path} has no version: the train run that wrote it did not register a model (give it --name ${name})`,
    );
  }
  return report.version;
}
