import { basename } from 'node:path';
import { readDataset, type Task, writeJsonAtomic } from '@mlops/features';
import { type Metrics, numericMetrics, predictionProfile, referenceSample, trainModel } from '@mlops/models';
import {
  checkModelName,
  type GateResult,
  type ModelRegistry,
  parseGate,
  RegistryError,
  type VersionRecord,
} from '@mlops/registry';
import { CliError } from '../CliError';
import { type CommandContext, printResult, userPath } from '../CommandContext';
import { baselineProfile } from '../data/baselineProfile';
import { columnRoles, csvOptions, type DataOptions, describeColumns, loadDataset } from '../data/loadDataset';
import { resolveSplit, type SplitOptions } from '../data/resolveSplit';
import { gitCommit, sha256, sha256File } from '../provenance';
import { gateSummary } from './gateSummary';

/** Options of `mlops train`. */
export interface TrainOptions extends DataOptions, SplitOptions {
  model: string;
  params?: Record<string, number>;
  /** @default 42 */
  seed?: number;
  /** Register the model under this name. */
  name?: string;
  /** Promote to production when the gate passes. @default true */
  promote?: boolean;
  /** Gate rules, e.g. `f1 >= 0.6, roc_auc > baseline`; @default the model's own gate, else the task's default */
  gate?: string;
  tags?: Record<string, string>;
  description?: string;
  /** Parent run (a tuning run), for trials. */
  parentRunId?: string;
  /** Also write the result JSON to this file (a pipeline stage's output). */
  report?: string;
  /** Binary models: pick the threshold that maximises F1 on a validation split. @default true */
  tuneThreshold?: boolean;
  /** Most categories of a categorical feature. @default 1000, and at most half the rows */
  maxCategories?: number;
  /**
   * Reuse the production version instead of registering when it is the same model:
   * same data, kind, params and seed, and a byte-identical model document (quickstart).
   */
  reuseIdentical?: boolean;
}

/** What `mlops train` printed. */
export interface TrainResult {
  name?: string;
  version?: number;
  promoted?: boolean;
  /** True when the version was registered and promotion was asked for but its gate refused it (exit 3). */
  refused?: boolean;
  /** True when production already held this exact model (`reuseIdentical`). */
  reused?: boolean;
  gate?: GateResult;
  model: string;
  task: Task;
  metrics: Metrics;
  baseline_metrics: Metrics;
  fit_seconds: number;
  train_rows: number;
  test_rows: number;
  /** How the test rows were chosen. */
  split: string;
  data_hash: string;
  /** sha256 of the model document: equal hashes are the same model. */
  model_hash: string;
  run_id: string;
  /** The decision threshold of a binary model (F1-tuned unless --no-tune-threshold). */
  threshold?: number;
  columns: ReturnType<typeof columnRoles>;
}

/**
 * Trains a model on a dataset and evaluates it on held-out rows; with `--name`
 * registers it (with those rows, for later gates) and promotes it when its gate
 * passes: beat the trivial baseline and be no worse than production on the same rows.
 */
export async function train(context: CommandContext, options: TrainOptions): Promise<TrainResult> {
  // Arguments first: a bad name must not cost a training run (and never reaches a path).
  if (options.name !== undefined) checkModelName(options.name);
  const data = loadDataset(context, options);
  const split = resolveSplit(data, options);
  const registry = (await context.stores()).registry;
  // Parsed before anything is written: a rule that does not parse registers nothing.
  const rules = options.gate ? parseGate(options.gate) : undefined;
  const seed = options.seed ?? 42;
  context.logger.info(describeColumns(data));

  const runs = (await context.stores()).runs;
  const run = await runs.start({
    experiment: options.name ?? basename(data.dataPath).replace(/\.[^.]+$/, ''),
    kind: 'train',
    parentId: options.parentRunId,
    params: {
      model: options.model,
      task: data.task,
      target: data.target,
      seed,
      data: data.dataPath,
      split: split.kind,
      ...(options.params ?? {}),
    },
    tags: options.tags ?? {},
  });
  context.logger.info(`training ${options.model}`, {
    rows: data.table.numRows,
    task: data.task,
    run: run.id,
  });
  let result: ReturnType<typeof trainModel>;
  try {
    result = trainModel({
      table: data.table,
      target: data.target,
      task: data.task,
      model: options.model,
      params: options.params,
      seed,
      features: data.features,
      idColumns: data.idColumns,
      timeColumn: split.timeColumn,
      maxCategories: options.maxCategories,
      tuneThreshold: options.tuneThreshold,
      testTable: options.testData
        ? readDataset(userPath(context, options.testData), csvOptions(options))
        : undefined,
    });
  } catch (error) {
    await runs.end(run.id, { status: 'failed', error: (error as Error).message });
    throw error;
  }
  const document = result.pipeline.toJSON();
  const output: TrainResult = {
    model: options.model,
    task: data.task,
    metrics: result.metrics,
    baseline_metrics: result.baselineMetrics,
    fit_seconds: result.fitSeconds,
    train_rows: result.trainRows,
    test_rows: result.testRows,
    split: split.description,
    data_hash: sha256File(data.dataPath),
    model_hash: sha256(JSON.stringify(document)),
    run_id: run.id,
    threshold: result.threshold,
    columns: columnRoles(data.schema),
  };
  await runs.addArtifact(run.id, 'model.json', JSON.stringify(document));

  if (options.name) {
    const reused = options.reuseIdentical
      ? await identicalProduction(registry, options.name, output, options, seed)
      : undefined;
    if (reused) {
      Object.assign(output, {
        name: options.name,
        version: reused.version,
        promoted: true,
        reused: true,
        gate: reused.gate,
      });
    } else {
      const gateRules = await registry.gateRules(options.name, data.task, rules);
      const gate = await registry.checkGate(
        options.name,
        {
          task: data.task,
          metrics: result.metrics,
          baselineMetrics: result.baselineMetrics,
          testRows: result.testTable,
        },
        gateRules,
      );
      const profile = {
        ...baselineProfile(data),
        // Held-out rows: a fitted model is surer of its own training rows than of new ones.
        predictions: predictionProfile(result.pipeline, result.testTable),
      };
      const record = await registry.registerVersion(options.name, {
        model: document,
        profile,
        metrics: result.metrics,
        baselineMetrics: result.baselineMetrics,
        params: options.params ?? {},
        dataHash: output.data_hash,
        dataRows: data.table.numRows,
        codeVersion: gitCommit(),
        seed,
        gate,
        runId: run.id,
        tags: options.tags,
        description: options.description,
        testRows: result.testTable,
        split: result.split,
        // Seeded from the training seed: the same data and seed store the same sample.
        referenceSample: referenceSample(result.pipeline, result.trainTable, { seed }),
      });
      Object.assign(output, { name: options.name, version: record.version, promoted: false, gate });
      if (options.promote !== false && gate.passed) {
        try {
          const entry = await registry.promote(options.name, record.version, {
            rules: gateRules,
            reason: `run ${run.id} passed its gate`,
          });
          Object.assign(output, { promoted: true, gate: entry.gate ?? gate });
        } catch (error) {
          // Production moved between the check and the promotion, and the new one wins.
          if (!(error instanceof RegistryError && error.code === 'gate-failed')) throw error;
          const refusal = (await registry.readAudit(options.name)).at(-1);
          if (refusal?.gate) output.gate = refusal.gate;
        }
      }
      output.refused = options.promote !== false && !output.promoted;
    }
  }
  await runs.end(run.id, {
    status: 'finished',
    metrics: { ...numericMetrics(result.metrics), fit_seconds: result.fitSeconds },
  });

  if (options.report) await writeJsonAtomic(userPath(context, options.report), output);
  printResult(context, output, trainSummary(output, options.promote !== false));
  return output;
}

/** The human summary: metrics, the split, and what happened to the version, with each failed rule. */
function trainSummary(output: TrainResult, promotionAsked: boolean): string {
  const headline = Object.entries(output.metrics)
    .filter(([, value]) => typeof value === 'number')
    .map(([metric, value]) => `${metric}=${(value as number).toFixed(4)}`)
    .join(' ');
  const lines = [
    `${output.model} on ${output.train_rows} rows in ${output.fit_seconds.toFixed(2)} s: ${headline}${
      output.threshold !== undefined ? ` threshold=${output.threshold.toFixed(3)}` : ''
    }`,
    `evaluated on ${output.test_rows} rows: ${output.split}`,
  ];
  if (output.version === undefined) return lines.join('\n');
  if (output.reused) {
    lines.push(
      `${output.name} v${output.version} in production is this exact model: reused, nothing registered`,
    );
    return lines.join('\n');
  }
  if (output.promoted) lines.push(`registered ${output.name} v${output.version} (production)`);
  else if (!promotionAsked)
    lines.push(`registered ${output.name} v${output.version} (not promoted: --no-promote)`);
  else lines.push(`registered ${output.name} v${output.version}, NOT promoted:`);
  if (output.gate) lines.push(...gateSummary(output.gate, !output.promoted && promotionAsked));
  if (output.refused)
    lines.push(`  to promote it anyway: mlops models promote ${output.name} ${output.version} --force`);
  return lines.join('\n');
}

/** The exit-3 error of a command that registered a version its gate refused ("registered, not promoted"). */
export function notPromoted(
  result: Pick<TrainResult, 'refused' | 'name' | 'version' | 'gate'>,
): CliError | undefined {
  if (!result.refused) return undefined;
  const failed = (result.gate?.checks ?? []).filter((_, i) => result.gate?.rules?.[i]?.passed === false);
  return new CliError(
    `${result.name} v${result.version} registered, NOT promoted: ${failed.join('; ') || 'its gate refused it'}`,
    3,
    undefined,
    'not promoted',
  );
}

async function identicalProduction(
  registry: ModelRegistry,
  name: string,
  output: TrainResult,
  options: TrainOptions,
  seed: number,
): Promise<VersionRecord | undefined> {
  if (!(await registry.listModels()).includes(name)) return undefined;
  const version = await registry.productionVersion(name);
  if (version === undefined) return undefined;
  const record = await registry.getVersion(name, version);
  // Read through the registry, which checks the file against its recorded checksum.
  const stored = sha256(JSON.stringify(await registry.readModelDocument(name, version)));
  const same =
    record.dataHash === output.data_hash &&
    record.kind === options.model &&
    record.seed === seed &&
    JSON.stringify(record.params) === JSON.stringify(options.params ?? {}) &&
    stored === output.model_hash;
  return same ? record : undefined;
}
