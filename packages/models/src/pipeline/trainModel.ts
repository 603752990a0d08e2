import {
  type ColumnSpec,
  type DataTable,
  inferSchema,
  randomSplit,
  TabularPreprocessor,
  type Task,
} from '@mlops/features';
import { ModelsError } from '../errors';
import { getEstimatorEntry } from '../estimators/estimatorCatalog';
import { binaryBaselineMetrics, regressionBaselineMetrics } from '../metrics/baselineMetrics';
import { binaryMetrics } from '../metrics/binaryMetrics';
import { regressionMetrics } from '../metrics/regressionMetrics';
import { encodeTarget } from './encodeTarget';
import { ModelPipeline } from './ModelPipeline';

/** Options of {@link trainModel}. */
export interface TrainModelOptions {
  table: DataTable;
  target: string;
  task: Task;
  /** Model kind from the estimator catalogue, e.g. `logistic`. */
  model: string;
  /** @default {} */
  params?: Record<string, number>;
  /** @default 42 */
  seed?: number;
  /** Held-out data; without it a seeded 80/20 split (stratified for classification) is made. */
  testTable?: DataTable;
  /** The inputs' specs; inferred from the table (every column but the target) when absent. */
  features?: ColumnSpec[];
}

/** Metrics by name, e.g. `{ f1: 0.71, roc_auc: 0.84 }` (the confusion matrix as nested arrays). */
export type Metrics = Record<string, number | number[][]>;

/** A trained model with its held-out evaluation. */
export interface TrainModelResult {
  pipeline: ModelPipeline;
  metrics: Metrics;
  /** The same metrics for the trivial baseline (majority class or mean). */
  baselineMetrics: Metrics;
  fitSeconds: number;
  trainRows: number;
  testRows: number;
}

/** Fits preprocessing and a model on training data and evaluates both on held-out data. */
export function trainModel(options: TrainModelOptions): TrainModelResult {
  const seed = options.seed ?? 42;
  const params = options.params ?? {};
  const entry = getEstimatorEntry(options.model, options.task);
  const features =
    options.features ??
    inferSchema(options.table, { name: 'input', target: options.target, task: options.task }).columns.filter(
      (column) => column.role === 'feature',
    );
  if (features.length === 0)
    throw new ModelsError('bad-input', 'no feature columns: the table holds only the target');

  let train = options.table;
  let test = options.testTable;
  if (!test) {
    const split = randomSplit(options.table, {
      seed,
      stratifyBy: options.task === 'regression' ? undefined : options.target,
    });
    train = options.table.take(split.train);
    test = options.table.take(split.test);
  }

  const started = process.hrtime.bigint();
  const names = features.map((spec) => spec.name);
  const preprocessor = TabularPreprocessor.fit(train, names, { standardize: entry.wantsScaledInputs });
  const trainTarget = encodeTarget(train, options.target, options.task);
  const matrix = preprocessor.transform(train);
  const estimator = entry.fit(
    {
      x: matrix.values,
      rows: matrix.rows,
      width: matrix.width,
      y: trainTarget.y,
      classes: trainTarget.classes?.length ?? 1,
    },
    params,
    seed,
  );
  const fitSeconds = Number(process.hrtime.bigint() - started) / 1e9;

  const pipeline = new ModelPipeline(
    {
      format: 'mlops-model',
      formatVersion: 1,
      kind: options.model,
      task: options.task,
      target: options.target,
      params,
      seed,
      classes: trainTarget.classes,
      threshold: options.task === 'binary' ? 0.5 : undefined,
      features,
    },
    preprocessor,
    estimator,
  );
  const testTarget = encodeTarget(test, options.target, options.task, trainTarget.classes);
  const scores = pipeline.scoreTable(test);
  const evaluation =
    options.task === 'regression'
      ? {
          metrics: regressionMetrics(testTarget.y, scores),
          baseline: regressionBaselineMetrics(trainTarget.y, testTarget.y),
        }
      : options.task === 'binary'
        ? {
            metrics: binaryMetrics(testTarget.y, scores),
            baseline: binaryBaselineMetrics(trainTarget.y, testTarget.y),
          }
        : undefined;
  if (!evaluation) throw new ModelsError('bad-params', 'multiclass evaluation is not available yet');
  return {
    pipeline,
    metrics: { ...evaluation.metrics },
    baselineMetrics: { ...evaluation.baseline },
    fitSeconds,
    trainRows: train.numRows,
    testRows: test.numRows,
  };
}
