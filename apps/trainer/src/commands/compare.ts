import { join } from 'node:path';
import {
  aggregateDailySales,
  type DatasetSchema,
  type DataTable,
  dailySalesSchema,
  featureColumns,
  getDatasetGenerator,
  prepareDataset,
  writeFileAtomic,
  writeJsonAtomic,
} from '@mlops/features';
import { estimatorCatalog, trainModel } from '@mlops/models';
import { openRunStore, storeLayout } from '@mlops/registry';
import { CliError } from '../CliError';
import { type CommandContext, printResult, userPath } from '../CommandContext';
import { type ComparisonRow, comparisonHtml, comparisonMarkdown } from '../compare/renderComparison';
import { startProgress } from '../progressBar';
import { numericMetrics } from './train';

/** Options of `mlops compare`. */
export interface CompareOptions {
  /** @default all five use cases */
  datasets?: string[];
  /** @default linear or logistic, random_forest, gradient_boosting */
  models?: string[];
  /** Rows per generated dataset (sales: order lines). @default each generator's default */
  rows?: number;
  /** @default 42 */
  seed?: number;
  /** @default `<MLOPS_HOME>/reports/compare` */
  out?: string;
  progressStream?: NodeJS.WritableStream & { isTTY?: boolean };
}

const USE_CASES = ['churn', 'credit', 'fraud', 'housing', 'sales'];
const DEFAULT_MODELS = ['linear_or_logistic', 'random_forest', 'gradient_boosting'];

/**
 * Trains each model on each use case (generated, seeded, through the quality gate;
 * `sales` aggregated per day first), on the same seeded split per dataset, and
 * writes the comparison as JSON, Markdown and an HTML page with charts.
 */
export async function compare(context: CommandContext, options: CompareOptions) {
  const seed = options.seed ?? 42;
  const datasets = options.datasets ?? USE_CASES;
  const requested = options.models ?? DEFAULT_MODELS;
  for (const model of requested) {
    if (model !== 'linear_or_logistic' && !estimatorCatalog[model]) {
      throw new CliError(`unknown model '${model}': choose from ${Object.keys(estimatorCatalog).join(', ')}`);
    }
  }
  const plan = datasets.map((name) => ({ name, ...loadUseCase(name, options.rows, seed) }));
  const jobs = plan.flatMap((d) =>
    requested
      .map((model) =>
        model === 'linear_or_logistic' ? (d.schema.task === 'regression' ? 'linear' : 'logistic') : model,
      )
      .filter((model) => estimatorCatalog[model].tasks.includes(d.schema.task))
      .map((model) => ({ dataset: d, model })),
  );
  const runs = openRunStore(context.config.home);
  const progress = startProgress(options.progressStream ?? process.stderr, jobs.length, 'comparing');
  const rows: ComparisonRow[] = [];
  for (const [i, job] of jobs.entries()) {
    const { schema, table } = job.dataset;
    const metric = schema.task === 'regression' ? 'r2' : 'roc_auc';
    const run = await runs.start({
      experiment: 'compare',
      kind: 'compare',
      params: { dataset: job.dataset.name, model: job.model, seed, rows: table.numRows },
    });
    const result = trainModel({
      table,
      target: schema.target,
      task: schema.task,
      model: job.model,
      seed,
      features: featureColumns(schema),
    });
    await runs.end(run.id, {
      status: 'finished',
      metrics: { ...numericMetrics(result.metrics), fit_seconds: result.fitSeconds },
    });
    rows.push({
      dataset: job.dataset.name,
      task: schema.task,
      model: job.model,
      metric,
      value: result.metrics[metric] as number,
      baseline: result.baselineMetrics[metric] as number,
      fitSeconds: result.fitSeconds,
      trainRows: result.trainRows,
      runId: run.id,
    });
    progress.update(i + 1, `${job.dataset.name}/${job.model}`);
    context.logger.info(`${job.dataset.name} ${job.model}: ${metric}=${rows.at(-1)!.value.toFixed(4)}`);
  }
  progress.stop();
  const out = options.out
    ? userPath(context, options.out)
    : join(storeLayout(context.config.home).reports, 'compare');
  const generatedAt = new Date().toISOString();
  await writeJsonAtomic(join(out, 'comparison.json'), { generated_at: generatedAt, seed, rows });
  await writeFileAtomic(join(out, 'comparison.md'), comparisonMarkdown(rows));
  await writeFileAtomic(join(out, 'comparison.html'), comparisonHtml(rows, generatedAt));
  const result = {
    rows,
    json: join(out, 'comparison.json'),
    markdown: join(out, 'comparison.md'),
    html: join(out, 'comparison.html'),
  };
  printResult(context, result, `${comparisonMarkdown(rows)}\nwritten to ${out}/comparison.{json,md,html}`);
  return result;
}

function loadUseCase(
  name: string,
  rows: number | undefined,
  seed: number,
): { schema: DatasetSchema; table: DataTable } {
  const generator = getDatasetGenerator(name);
  let schema = generator.schema;
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
  return { schema, table: prepared.table };
}
