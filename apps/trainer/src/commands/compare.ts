import { basename, join } from 'node:path';
import {
  aggregateDailySales,
  type ColumnSpec,
  type DatasetSchema,
  type DataTable,
  dailySalesSchema,
  featureColumns,
  getDatasetGenerator,
  prepareDataset,
  readDataset,
  type Task,
  writeFileAtomic,
  writeJsonAtomic,
} from '@mlops/features';
import {
  estimatorCatalog,
  evaluatePipeline,
  type Metrics,
  ModelPipeline,
  numericMetrics,
  primaryMetric,
  trainModel,
} from '@mlops/models';
import { checkModelName, storeLayout } from '@mlops/registry';
import { CliError } from '../CliError';
import { type CommandContext, printResult, quietContext, userPath } from '../CommandContext';
import { comparisonMetrics, higherIsBetter } from '../compare/comparisonMetrics';
import { type ComparisonRow, comparisonHtml, comparisonMarkdown } from '../compare/renderComparison';
import { csvOptions, type DataOptions, loadDataset } from '../data/loadDataset';
import { resolveSplit, type SplitOptions, type SplitPlan } from '../data/resolveSplit';
import { startProgress } from '../progressBar';
import { type TrainResult, train } from './train';

/** Options of `mlops compare`. */
export interface CompareOptions extends Partial<DataOptions>, SplitOptions {
  /** Generated use cases. @default all five, when there is no `data` */
  datasets?: string[];
  /** Score every version of this registered model on `data` instead of training. */
  registered?: string;
  /** @default linear or logistic, random_forest, gradient_boosting */
  models?: string[];
  /** Rows per generated dataset (sales: order lines). @default each generator's default */
  rows?: number;
  /** @default 42 */
  seed?: number;
  /** With `data`: register the best model under this name, through its gate. */
  name?: string;
  promote?: boolean;
  /** @default `<MLOPS_HOME>/reports/compare` */
  out?: string;
  progressStream?: NodeJS.WritableStream & { isTTY?: boolean };
}

/** One dataset to compare models on. */
interface Subject {
  name: string;
  table: DataTable;
  target: string;
  task: Task;
  features: ColumnSpec[];
  idColumns: ColumnSpec[];
  plan: SplitPlan;
  testTable?: DataTable;
}

const USE_CASES = ['churn', 'credit', 'fraud', 'housing', 'sales'];
const DEFAULT_MODELS = ['linear_or_logistic', 'random_forest', 'gradient_boosting'];

/**
 * Compares models: trains each requested model on your data (`data`) or on the
 * generated use cases (seeded, through the quality gate; `sales` aggregated per
 * day), on the same held-out rows per dataset, or scores every registered version
 * of a model on labelled data (`registered`). Writes JSON, Markdown and an HTML
 * page with the task's metrics, the best model of each dataset marked; with
 * `name`, registers the best trained model through the promotion gate.
 */
export async function compare(context: CommandContext, options: CompareOptions) {
  const seed = options.seed ?? 42;
  if (options.name !== undefined) checkModelName(options.name);
  if (options.registered !== undefined) checkModelName(options.registered);
  if (options.registered) return finish(context, options, seed, await compareVersions(context, options));
  if (options.data && options.datasets)
    throw new CliError('pass either --data (your own file) or --datasets (generated use cases), not both');
  if (options.name && !options.data)
    throw new CliError('--name registers the best model trained on --data: pass the data file too');
  const subjects = options.data
    ? [userSubject(context, options)]
    : (options.datasets ?? USE_CASES).map((name) => generatedSubject(name, options.rows, seed));
  const jobs = subjects.flatMap((subject) =>
    modelsFor(subject, options.models ?? DEFAULT_MODELS).map((model) => ({
      subject,
      model,
    })),
  );
  const runs = (await context.stores()).runs;
  const progress = startProgress(options.progressStream ?? process.stderr, jobs.length, 'comparing');
  const rows: ComparisonRow[] = [];
  for (const [i, job] of jobs.entries()) {
    const { subject } = job;
    const run = await runs.start({
      experiment: 'compare',
      kind: 'compare',
      params: {
        dataset: subject.name,
        model: job.model,
        seed,
        rows: subject.table.numRows,
        split: subject.plan.kind,
      },
    });
    const result = trainModel({
      table: subject.table,
      target: subject.target,
      task: subject.task,
      model: job.model,
      seed,
      features: subject.features,
      idColumns: subject.idColumns,
      timeColumn: subject.plan.timeColumn,
      testTable: subject.testTable,
    });
    await runs.end(run.id, {
      status: 'finished',
      metrics: { ...numericMetrics(result.metrics), fit_seconds: result.fitSeconds },
    });
    rows.push(
      comparisonRow(subject.name, subject.task, job.model, result.metrics, result.baselineMetrics, {
        fitSeconds: result.fitSeconds,
        trainRows: result.trainRows,
        testRows: result.testRows,
        split: subject.plan.description,
        runId: run.id,
      }),
    );
    progress.update(i + 1, `${subject.name}/${job.model}`);
  }
  progress.stop();
  markBest(rows);
  let registered: TrainResult | undefined;
  if (options.name) {
    const best = rows.find((row) => row.best)!;
    registered = await train(quietContext(context), {
      ...(options as DataOptions),
      split: options.split,
      timeColumn: options.timeColumn,
      testData: options.testData,
      model: best.model,
      seed,
      name: options.name,
      promote: options.promote,
      tags: { compared: 'true' },
    });
  }
  return finish(context, options, seed, rows, registered);
}

async function finish(
  context: CommandContext,
  options: CompareOptions,
  seed: number,
  rows: ComparisonRow[],
  registered?: TrainResult,
) {
  if (rows.length === 0) throw new CliError('nothing to compare: no model applies to the data given');
  const out = options.out
    ? userPath(context, options.out)
    : join(storeLayout(context.config.home).reports, 'compare');
  const generatedAt = new Date().toISOString();
  await writeJsonAtomic(join(out, 'comparison.json'), { generated_at: generatedAt, seed, rows });
  await writeFileAtomic(join(out, 'comparison.md'), comparisonMarkdown(rows));
  await writeFileAtomic(join(out, 'comparison.html'), comparisonHtml(rows, generatedAt));
  const result = {
    rows,
    best: rows
      .filter((row) => row.best)
      .map((row) => ({ dataset: row.dataset, model: row.model, [row.metric]: row.value })),
    json: join(out, 'comparison.json'),
    markdown: join(out, 'comparison.md'),
    html: join(out, 'comparison.html'),
    ...(registered ? { registered } : {}),
  };
  const registeredLine = registered
    ? `\nregistered ${registered.name} v${registered.version} (${registered.model}): ${
        registered.promoted
          ? 'production'
          : registered.refused
            ? 'NOT promoted: its gate refused it'
            : 'not promoted'
      }`
    : '';
  printResult(
    context,
    result,
    `${comparisonMarkdown(rows)}\nwritten to ${out}/comparison.{json,md,html}${registeredLine}`,
  );
  return result;
}

/** The models to train on a subject; an explicitly requested model that does not fit its task is an error. */
function modelsFor(subject: Subject, requested: readonly string[]): string[] {
  return requested.map((model) => {
    if (model === 'linear_or_logistic') return subject.task === 'regression' ? 'linear' : 'logistic';
    const entry = estimatorCatalog[model];
    if (!entry)
      throw new CliError(`unknown model '${model}': choose from ${Object.keys(estimatorCatalog).join(', ')}`);
    if (!entry.tasks.includes(subject.task)) {
      const fitting = Object.entries(estimatorCatalog)
        .filter(([, e]) => e.tasks.includes(subject.task))
        .map(([kind]) => kind);
      throw new CliError(
        `model '${model}' does not apply to ${subject.task} data (${subject.name}): for ${subject.task} choose from ${fitting.join(', ')}`,
      );
    }
    return model;
  });
}

function userSubject(context: CommandContext, options: CompareOptions): Subject {
  const data = loadDataset(context, options as DataOptions);
  const plan = resolveSplit(data, options);
  return {
    name: basename(data.dataPath),
    table: data.table,
    target: data.target,
    task: data.task,
    features: data.features,
    idColumns: data.idColumns,
    plan,
    testTable: options.testData
      ? readDataset(userPath(context, options.testData), csvOptions(options))
      : undefined,
  };
}

function generatedSubject(name: string, rows: number | undefined, seed: number): Subject {
  const generator = getDatasetGenerator(name);
  let schema: DatasetSchema = generator.schema;
  let table = generator.generate(rows ?? generator.defaultRows, seed);
  if (name === 'sales') {
    table = aggregateDailySales(table);
    schema = dailySalesSchema;
  }
  const prepared = prepareDataset(table, schema);
  if (!prepared.table) {
    const first = prepared.report.issues.find((issue) => issue.severity === 'error');
    throw new CliError(`generated ${name} data failed the quality gate: ${first?.message}`);
  }
  const timeColumn = schema.columns.find((column) => column.role === 'time')?.name;
  const temporal = schema.split === 'temporal' && timeColumn !== undefined;
  return {
    name,
    table: prepared.table,
    target: schema.target,
    task: schema.task,
    features: featureColumns(schema),
    idColumns: schema.columns.filter((column) => column.role === 'id'),
    plan: temporal
      ? { kind: 'temporal', timeColumn, description: `temporal split on '${timeColumn}'` }
      : { kind: 'random', description: 'random 80/20 split' },
  };
}

/** Every live version of a registered model scored on the same labelled rows. */
async function compareVersions(context: CommandContext, options: CompareOptions): Promise<ComparisonRow[]> {
  if (!options.data) throw new CliError('--registered scores versions on labelled data: pass --data');
  if (options.models) throw new CliError('--registered scores registered versions: --models does not apply');
  const name = options.registered!;
  const registry = (await context.stores()).registry;
  const dataPath = userPath(context, options.data);
  const table = readDataset(dataPath);
  const versions = (await registry.listVersions(name)).filter((version) => !version.archived);
  const rows: ComparisonRow[] = [];
  for (const version of versions) {
    const pipeline = ModelPipeline.fromJSON(await registry.readModelDocument(name, version.version));
    const metrics = evaluatePipeline(pipeline, table);
    const aliases = version.aliases.length ? ` [${version.aliases.join(', ')}]` : '';
    rows.push(
      comparisonRow(
        basename(dataPath),
        version.task,
        `${name} v${version.version}${aliases} (${version.kind})`,
        metrics,
        version.baselineMetrics,
        {
          fitSeconds: 0,
          trainRows: version.dataRows,
          testRows: table.numRows,
          split: `all ${table.numRows} rows of ${basename(dataPath)}`,
          runId: version.runId ?? '',
        },
      ),
    );
  }
  markBest(rows);
  return rows;
}

function comparisonRow(
  dataset: string,
  task: string,
  model: string,
  metrics: Metrics,
  baseline: Metrics,
  rest: Pick<ComparisonRow, 'fitSeconds' | 'trainRows' | 'testRows' | 'split' | 'runId'>,
): ComparisonRow {
  const shown = comparisonMetrics(task);
  const pick = (values: Metrics) =>
    Object.fromEntries(
      shown.filter((m) => typeof values[m] === 'number').map((m) => [m, values[m] as number]),
    );
  const metric = primaryMetric(task as Task);
  return {
    dataset,
    task,
    model,
    metric,
    value: metrics[metric] as number,
    baseline: baseline[metric] as number,
    metrics: pick(metrics),
    baselineMetrics: pick(baseline),
    best: false,
    ...rest,
  };
}

/** Marks the best row of each dataset on its primary metric (the first of equals). */
function markBest(rows: ComparisonRow[]): void {
  const best = new Map<string, ComparisonRow>();
  for (const row of rows) {
    const current = best.get(row.dataset);
    const better = higherIsBetter(row.metric)
      ? row.value > (current?.value ?? -Infinity)
      : row.value < (current?.value ?? Infinity);
    if (!current || better) best.set(row.dataset, row);
  }
  for (const row of best.values()) row.best = true;
}
