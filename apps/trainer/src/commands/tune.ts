import { type DataTable, readDataset } from '@mlops/features';
import {
  MedianPruner,
  type Metrics,
  numericMetrics,
  optimize,
  primaryMetric,
  type SearchSpace,
  TpeSampler,
  type TrainModelOptions,
  TrialPruned,
  taskBaselineMetrics,
  trainModel,
} from '@mlops/models';
import { checkModelName } from '@mlops/registry';
import { CliError } from '../CliError';
import { type CommandContext, printResult, quietContext, userPath } from '../CommandContext';
import { csvOptions, type DataOptions, loadDataset } from '../data/loadDataset';
import { resolveSplit, type SplitOptions } from '../data/resolveSplit';
import { splitTable } from '../data/splitTable';
import { startProgress } from '../progressBar';
import { defaultSearchSpaces, fixedTrialParams } from '../tuning/defaultSearchSpaces';
import { gateSummary } from './gateSummary';
import { type TrainResult, train } from './train';

/** Options of `mlops tune`. */
export interface TuneOptions extends DataOptions, SplitOptions {
  model: string;
  /** @default 30 */
  trials?: number;
  /** Stop starting trials after this many seconds. */
  timeout?: number;
  /** Metric to maximise on the validation split; @default roc_auc (classification) or r2 */
  metric?: string;
  /** A search space as JSON, e.g. `{"C": {"type": "float", "low": 0.001, "high": 10, "log": true}}`. */
  space?: string;
  /** @default 42 */
  seed?: number;
  /** Register the best model under this name (through its gate). */
  name?: string;
  promote?: boolean;
  gate?: string;
  maxCategories?: number;
  /** Where the progress bar goes (stderr of a terminal). */
  progressStream?: NodeJS.WritableStream & { isTTY?: boolean };
}

/**
 * Bayesian hyperparameter search in the style of Optuna: TPE after random start-up
 * trials, a median pruner on boosting rounds, every trial a child run. Trials fit
 * on 80 % of the training split and score on the other 20 % (both split as the
 * test rows are: at random, or by time); the test split is touched only at the
 * end, to compare the tuned model with the default one. With `--name` the best
 * params are trained and registered by `train`, through the same gate.
 */
export async function tune(context: CommandContext, options: TuneOptions) {
  if (options.name !== undefined) checkModelName(options.name);
  const data = loadDataset(context, options);
  const plan = resolveSplit(data, options);
  const space = searchSpace(options);
  const seed = options.seed ?? 42;
  const metric = options.metric ?? primaryMetric(data.task);
  // The task's metrics are the ones its trivial baseline is scored on: check before any trial runs.
  const labels = data.task === 'binary' ? [0, 1] : [0, 1, 2];
  const measured = Object.keys(numericMetrics(taskBaselineMetrics(data.task, labels, labels, labels.length)));
  if (!measured.includes(metric))
    throw new CliError(
      `--metric '${metric}' is not measured for ${data.task} models: choose from ${measured.join(', ')}`,
      2,
    );
  const trials = options.trials ?? 30;
  if (!Number.isInteger(trials) || trials < 1)
    throw new CliError(`--trials must be a positive integer, got ${options.trials}`);
  const stratifyBy = data.task === 'regression' ? undefined : data.target;
  const outer = options.testData
    ? { train: data.table, test: readDataset(userPath(context, options.testData), csvOptions(options)) }
    : splitTable(data.table, plan, { seed, stratifyBy });
  const trainTable = outer.train;
  const testTable = outer.test;
  const inner = splitTable(
    trainTable,
    plan.kind === 'temporal' ? plan : { kind: 'random', description: '' },
    {
      seed: seed + 1,
      stratifyBy,
    },
  );
  const fitTable = inner.train;
  const validTable = inner.test;
  const fixed = fixedTrialParams[options.model] ?? {};
  /** Fits `params` on `table` and scores on `testTable`, as every fit of this search does. */
  const fit = (
    table: DataTable,
    testTable: DataTable,
    params: Record<string, number>,
    extra: Pick<TrainModelOptions, 'tuneThreshold' | 'hooks'> = {},
  ) =>
    trainModel({
      table,
      testTable,
      target: data.target,
      task: data.task,
      model: options.model,
      params,
      seed,
      features: data.features,
      maxCategories: options.maxCategories,
      ...extra,
    });

  const runs = (await context.stores()).runs;
  const parent = await runs.start({
    experiment: options.name ?? 'tune',
    kind: 'tune',
    params: { model: options.model, trials, metric, seed, data: data.dataPath, split: plan.kind },
  });
  const progress = startProgress(options.progressStream ?? process.stderr, trials, `tuning ${options.model}`);
  const study = await optimize(
    async (trial) => {
      const params = { ...fixed, ...(trial.params as Record<string, number>) };
      const run = await runs.start({
        experiment: options.name ?? 'tune',
        kind: 'trial',
        parentId: parent.id,
        params,
      });
      try {
        const result = fit(fitTable, validTable, params, {
          tuneThreshold: false,
          hooks: {
            onRound: (round, score) => {
              trial.report(round, score);
              if (trial.shouldPrune()) throw new TrialPruned(`pruned at round ${round}`);
            },
          },
        });
        const value = result.metrics[metric] as number;
        await runs.end(run.id, {
          status: 'finished',
          metrics: { ...numericMetrics(result.metrics), score: value },
        });
        return value;
      } catch (error) {
        const pruned = error instanceof TrialPruned;
        await runs.end(run.id, { status: pruned ? 'pruned' : 'failed', error: (error as Error).message });
        throw error;
      }
    },
    {
      space,
      sampler: new TpeSampler({ seed }),
      // Rounds with a small learning rate start slow: judge a trial only after it had time to catch up.
      pruner: new MedianPruner({ startupTrials: 8, warmupSteps: 60 }),
      trials,
      timeoutSeconds: options.timeout,
      onTrial: (trial, best) =>
        progress.update(trial.number + 1, best ? `best ${metric}=${best.value!.toFixed(4)}` : ''),
    },
  );
  progress.stop();
  if (!study.best) {
    await runs.end(parent.id, { status: 'failed', error: 'no trial finished' });
    throw new CliError(`no trial finished (${study.trials.map((t) => t.error ?? t.state).join('; ')})`);
  }
  const bestParams = { ...fixed, ...(study.best.params as Record<string, number>) };
  const onTest = (params: Record<string, number>): Metrics => fit(trainTable, testTable, params).metrics;
  const defaultTest = onTest({});
  const tunedTest = onTest(bestParams);
  const improvement = (tunedTest[metric] as number) - (defaultTest[metric] as number);
  await runs.end(parent.id, {
    status: 'finished',
    metrics: {
      best_validation: study.best.value!,
      default_test: defaultTest[metric] as number,
      tuned_test: tunedTest[metric] as number,
    },
  });

  const result: Record<string, unknown> = {
    model: options.model,
    metric,
    trials: study.trials.length,
    pruned: study.trials.filter((t) => t.state === 'pruned').length,
    failed: study.trials.filter((t) => t.state === 'failed').length,
    best_params: bestParams,
    best_validation: study.best.value,
    default_test: defaultTest[metric],
    tuned_test: tunedTest[metric],
    improvement,
    run_id: parent.id,
  };
  if (options.name) {
    const quiet = quietContext(context);
    const registered: TrainResult = await train(quiet, {
      data: options.data,
      target: options.target,
      task: options.task,
      schema: options.schema,
      idColumns: options.idColumns,
      exclude: options.exclude,
      features: options.features,
      split: options.split,
      timeColumn: options.timeColumn,
      testData: options.testData,
      maxCategories: options.maxCategories,
      model: options.model,
      params: bestParams,
      seed,
      name: options.name,
      promote: options.promote,
      gate: options.gate,
      parentRunId: parent.id,
      tags: { tuned: 'true' },
    });
    Object.assign(result, {
      name: options.name,
      version: registered.version,
      promoted: registered.promoted,
      refused: registered.refused,
      gate: registered.gate,
    });
  }
  printResult(
    context,
    result,
    [
      `${study.trials.length} trials (${result.pruned} pruned, ${result.failed} failed); best ${metric} on validation ${study.best.value!.toFixed(4)}`,
      `best params: ${JSON.stringify(bestParams)}`,
      `test ${metric}: default ${(defaultTest[metric] as number).toFixed(4)} → tuned ${(tunedTest[metric] as number).toFixed(4)} (${improvement >= 0 ? '+' : ''}${improvement.toFixed(4)})`,
      `evaluated on ${testTable.numRows} rows: ${plan.description}`,
      ...(result.version ? registeredLines(result as unknown as TrainResult, options.promote !== false) : []),
    ].join('\n'),
  );
  return result;
}

function registeredLines(result: TrainResult, promotionAsked: boolean): string[] {
  if (result.promoted) return [`registered ${result.name} v${result.version} (production)`];
  if (!promotionAsked) return [`registered ${result.name} v${result.version} (not promoted: --no-promote)`];
  return [
    `registered ${result.name} v${result.version}, NOT promoted:`,
    ...(result.gate ? gateSummary(result.gate, true) : []),
    `  to promote it anyway: mlops models promote ${result.name} ${result.version} --force`,
  ];
}

function searchSpace(options: TuneOptions): SearchSpace {
  if (options.space) {
    try {
      return JSON.parse(options.space) as SearchSpace;
    } catch (error) {
      throw new CliError(
        `--space is not JSON (${(error as Error).message}): e.g. '{"C": {"type": "float", "low": 0.001, "high": 10, "log": true}}'`,
      );
    }
  }
  const space = defaultSearchSpaces[options.model];
  if (!space) {
    throw new CliError(
      `no default search space for '${options.model}': pass --space (kinds with one: ${Object.keys(defaultSearchSpaces).join(', ')})`,
    );
  }
  return space;
}
