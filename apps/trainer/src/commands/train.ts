import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { profileTable, readDataset, type Task, writeJsonAtomic } from '@mlops/features';
import { type Metrics, trainModel } from '@mlops/models';
import {
  defaultGate,
  evaluateGate,
  type GateResult,
  type GateRule,
  openRegistry,
  openRunStore,
  parseGate,
} from '@mlops/registry';
import { type CommandContext, printResult, userPath } from '../CommandContext';
import { loadTrainingData } from './trainingData';

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
  /** Gate rules, e.g. `f1 >= 0.6, roc_auc > baseline`; @default the model's own gate, else beat the trivial baseline */
  gate?: string;
  tags?: Record<string, string>;
  description?: string;
  /** Parent run (a tuning run), for trials. */
  parentRunId?: string;
  /** Also write the result JSON to this file (a pipeline stage's output). */
  report?: string;
  /** Binary models: pick the threshold that maximises F1 on a validation split. @default true */
  tuneThreshold?: boolean;
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
  run_id: string;
  /** The decision threshold of a binary model (F1-tuned unless --no-tune-threshold). */
  threshold?: number;
}

/** Trains a model on a dataset, evaluates it, and with `--name` registers (and maybe promotes) it. */
export async function train(context: CommandContext, options: TrainOptions): Promise<TrainResult> {
  const { dataPath, table, schema, target, task, features } = loadTrainingData(context, options);
  const registry = openRegistry(context.config.home);
  const gateRules = await gateFor(registry, options.name, options.gate, task);
  const seed = options.seed ?? 42;

  const runs = openRunStore(context.config.home);
  const run = await runs.start({
    experiment: options.name ?? basename(dataPath).replace(/\.[^.]+$/, ''),
    kind: 'train',
    parentId: options.parentRunId,
    params: { model: options.model, task, target, seed, data: dataPath, ...(options.params ?? {}) },
    tags: options.tags ?? {},
  });
  context.logger.info(`training ${options.model}`, { rows: table.numRows, task, target, run: run.id });
  let result: ReturnType<typeof trainModel>;
  try {
    result = trainModel({
      table,
      target,
      task,
      model: options.model,
      params: options.params,
      seed,
      features,
      tuneThreshold: options.tuneThreshold,
      testTable: options.testData ? readDataset(userPath(context, options.testData)) : undefined,
    });
  } catch (error) {
    await runs.end(run.id, { status: 'failed', error: (error as Error).message });
    throw error;
  }
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
    run_id: run.id,
    threshold: result.threshold,
  };
  await runs.addArtifact(run.id, 'model.json', JSON.stringify(result.pipeline));

  if (options.name) {
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
      runId: run.id,
      tags: options.tags,
      description: options.description,
    });
    const promoted = gate.passed && options.promote !== false;
    if (promoted)
      await registry.promote(options.name, record.version, { reason: `run ${run.id} passed its gate` });
    Object.assign(output, { name: options.name, version: record.version, promoted, gate });
    context.logger.info(`registered ${options.name} v${record.version}`, {
      promoted,
      gate: gate.checks.join('; '),
    });
  }
  await runs.end(run.id, {
    status: 'finished',
    metrics: { ...numericMetrics(result.metrics), fit_seconds: result.fitSeconds },
  });

  if (options.report) await writeJsonAtomic(userPath(context, options.report), output);
  const headline = Object.entries(result.metrics)
    .filter(([, value]) => typeof value === 'number')
    .map(([metric, value]) => `${metric}=${(value as number).toFixed(4)}`)
    .join(' ');
  printResult(
    context,
    output,
    `${options.model} on ${result.trainRows} rows in ${result.fitSeconds.toFixed(2)} s: ${headline}${
      result.threshold !== undefined ? ` threshold=${result.threshold.toFixed(3)}` : ''
    }${
      output.version
        ? `\nregistered ${output.name} v${output.version}${output.promoted ? ' (production)' : ''}`
        : ''
    }`,
  );
  return output;
}

/** The gate a new version must pass: `--gate`, else the model's stored gate, else beat the baseline. */
async function gateFor(
  registry: ReturnType<typeof openRegistry>,
  name: string | undefined,
  gate: string | undefined,
  task: Task,
): Promise<GateRule[]> {
  if (gate) return parseGate(gate);
  if (name && (await registry.listModels()).includes(name)) {
    const stored = (await registry.readAliases(name)).gate;
    if (stored) return parseGate(stored);
  }
  return defaultGate(task);
}

/** The number-valued metrics (runs keep numbers; the confusion matrix stays with the version). */
export function numericMetrics(metrics: Metrics): Record<string, number> {
  return Object.fromEntries(
    Object.entries(metrics).filter(([, value]) => typeof value === 'number'),
  ) as Record<string, number>;
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
