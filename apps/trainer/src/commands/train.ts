import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { type DatasetSchema, featureColumns, profileTable, readDataset, type Task } from '@mlops/features';
import { type Metrics, trainModel } from '@mlops/models';
import { defaultGate, evaluateGate, type GateResult, openRegistry, parseGate } from '@mlops/registry';
import { CliError } from '../CliError';
import { type CommandContext, printResult, userPath } from '../CommandContext';
import { schemaPathFor } from './generate';
import { readSchemaFile } from './prepare';

/** Options of `mlops train`. */
export interface TrainOptions {
  data: string;
  target?: string;
  task?: Task;
  model: string;
  params?: Record<string, number>;
  testData?: string;
  /** @default 42 */
  seed?: number;
  /** Register the model under this name. */
  name?: string;
  /** Promote to production when the gate passes. @default true */
  promote?: boolean;
  /** Gate rules, e.g. `f1 >= 0.6, roc_auc > baseline`; @default beat the trivial baseline */
  gate?: string;
}

/** What `mlops train` printed. */
export interface TrainResult {
  name?: string;
  version?: number;
  promoted?: boolean;
  gate?: GateResult;
  model: string;
  task: Task;
  metrics: Metrics;
  baseline_metrics: Metrics;
  fit_seconds: number;
  train_rows: number;
  test_rows: number;
  data_hash: string;
}

/** Trains a model on a dataset, evaluates it, and with `--name` registers (and maybe promotes) it. */
export async function train(context: CommandContext, options: TrainOptions): Promise<TrainResult> {
  const dataPath = userPath(context, options.data);
  const table = readDataset(dataPath);
  const schema = findSchema(dataPath, options);
  const task = options.task ?? schema?.task;
  const target = options.target ?? schema?.target;
  if (!target) throw new CliError('--target is required when the data has no schema: name the label column');
  if (!task)
    throw new CliError('--task is required when the data has no schema: binary, multiclass or regression');
  const gateRules = options.gate ? parseGate(options.gate) : defaultGate(task);
  const seed = options.seed ?? 42;
  const features = schema
    ? featureColumns({ ...schema, columns: schema.columns.filter((column) => column.name !== target) })
    : undefined;

  context.logger.info(`training ${options.model}`, { rows: table.numRows, task, target });
  const result = trainModel({
    table,
    target,
    task,
    model: options.model,
    params: options.params,
    seed,
    features,
    testTable: options.testData ? readDataset(userPath(context, options.testData)) : undefined,
  });
  const dataHash = hashFile(dataPath);
  const output: TrainResult = {
    model: options.model,
    task,
    metrics: result.metrics,
    baseline_metrics: result.baselineMetrics,
    fit_seconds: result.fitSeconds,
    train_rows: result.trainRows,
    test_rows: result.testRows,
    data_hash: dataHash,
  };

  if (options.name) {
    const registry = openRegistry(context.config.home);
    const gate = evaluateGate(gateRules, result.metrics, result.baselineMetrics);
    const ids = (schema?.columns ?? [])
      .filter((c) => c.role === 'id' || c.role === 'time')
      .map((c) => c.name);
    const record = await registry.registerVersion(options.name, {
      model: result.pipeline.toJSON(),
      features: result.pipeline.features,
      profile: profileTable(table, { target, exclude: ids }),
      metrics: result.metrics,
      baselineMetrics: result.baselineMetrics,
      params: options.params ?? {},
      dataHash,
      dataRows: table.numRows,
      codeVersion: gitCommit(),
      seed,
      gate,
    });
    const promoted = gate.passed && options.promote !== false;
    if (promoted)
      await registry.promote(options.name, record.version, { reason: 'trained and passed its gate' });
    Object.assign(output, { name: options.name, version: record.version, promoted, gate });
    context.logger.info(`registered ${options.name} v${record.version}`, {
      promoted,
      gate: gate.checks.join('; '),
    });
  }

  const headline = Object.entries(result.metrics)
    .filter(([, value]) => typeof value === 'number')
    .map(([metric, value]) => `${metric}=${(value as number).toFixed(4)}`)
    .join(' ');
  printResult(
    context,
    output,
    `${options.model} on ${result.trainRows} rows in ${result.fitSeconds.toFixed(2)} s: ${headline}${
      output.version
        ? `\nregistered ${output.name} v${output.version}${output.promoted ? ' (production)' : ''}`
        : ''
    }`,
  );
  return output;
}

function findSchema(dataPath: string, options: TrainOptions): DatasetSchema | undefined {
  const path = schemaPathFor(dataPath);
  if (!existsSync(path)) return undefined;
  const schema = readSchemaFile(path);
  if (options.target && options.target !== schema.target) return { ...schema, target: options.target };
  return schema;
}

/** sha256 of a file's bytes: the identity of a training dataset. */
export function hashFile(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** The git commit of the working tree, when there is one. */
export function gitCommit(): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return undefined;
  }
}
