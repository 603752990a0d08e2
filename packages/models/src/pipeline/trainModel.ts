import {
  type ColumnSpec,
  type DataTable,
  inferSchema,
  randomSplit,
  TabularPreprocessor,
  type Task,
  temporalSplit,
} from '@mlops/features';
import { ModelsError } from '../errors';
import type { Estimator, FitHooks, TrainingData } from '../estimators/Estimator';
import { getEstimatorEntry } from '../estimators/estimatorCatalog';
import { takeRows, validationSplit } from '../estimators/validationSplit';
import type { Metrics } from '../metrics/Metrics';
import { taskBaselineMetrics, taskMetrics } from '../metrics/taskMetrics';
import { tuneThreshold } from '../metrics/tuneThreshold';
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
  /**
   * Held-out data; without it an 80/20 split is made: by time when `timeColumn`
   * is set (the latest rows are the test set), else seeded (stratified for classification).
   */
  testTable?: DataTable;
  /** Split by this time column (numbers or dates as text) instead of at random. */
  timeColumn?: string;
  /**
   * The inputs' specs; when absent, inferred from the table: every column but the
   * target, the ids and the times (see `inferSchema`).
   */
  features?: ColumnSpec[];
  /** Columns that identify an entity: stored with the model, sent by clients, never inputs. @default the inferred ids */
  idColumns?: ColumnSpec[];
  /** Most categories of a categorical feature. @default 1000, and at most half the training rows */
  maxCategories?: number;
  /**
   * Binary only: pick the decision threshold that maximises F1 on a seeded, stratified
   * validation split carved from the training data (a model fitted on the rest scores it),
   * then refit on all training data. Off: threshold 0.5. @default true
   */
  tuneThreshold?: boolean;
  /** Share of the training rows held out for threshold tuning. @default 0.2 */
  validationFraction?: number;
  /** Callbacks of the final fit (e.g. boosting rounds' validation scores, for pruning). */
  hooks?: FitHooks;
}

export type { Metrics };

/** A trained model with its held-out evaluation. */
export interface TrainModelResult {
  pipeline: ModelPipeline;
  metrics: Metrics;
  /** The same metrics for the trivial baseline (majority class or mean). */
  baselineMetrics: Metrics;
  /** Seconds spent on preprocessing and fitting (the threshold-tuning fit included). */
  fitSeconds: number;
  trainRows: number;
  testRows: number;
  /** Binary: the decision threshold stored with the model (tuned, or 0.5). */
  threshold?: number;
  /** The held-out rows the metrics are measured on (all columns): the registry keeps them for the gate. */
  testTable: DataTable;
  /** The rows the model was fitted on. */
  trainTable: DataTable;
  /** How the held-out rows were chosen. */
  split: 'given' | 'random' | 'temporal';
}

/** Fits preprocessing and a model on training data and evaluates both on held-out data. */
export function trainModel(options: TrainModelOptions): TrainModelResult {
  const seed = options.seed ?? 42;
  const params = options.params ?? {};
  const entry = getEstimatorEntry(options.model, options.task);
  const inferred = options.features
    ? undefined
    : inferSchema(options.table, { name: 'input', target: options.target, task: options.task });
  const features = options.features ?? inferred!.columns.filter((column) => column.role === 'feature');
  const idColumns = options.idColumns ?? inferred?.columns.filter((column) => column.role === 'id') ?? [];
  if (features.length === 0)
    throw new ModelsError('bad-input', 'no feature columns: the table holds only the target, ids and times');

  let train = options.table;
  let test = options.testTable;
  let split: TrainModelResult['split'] = 'given';
  if (!test) {
    const rows = options.timeColumn
      ? temporalSplit(options.table, { timeColumn: options.timeColumn })
      : randomSplit(options.table, {
          seed,
          stratifyBy: options.task === 'regression' ? undefined : options.target,
        });
    split = options.timeColumn ? 'temporal' : 'random';
    train = options.table.take(rows.train);
    test = options.table.take(rows.test);
  }

  const started = process.hrtime.bigint();
  const names = features.map((spec) => spec.name);
  const preprocessor = TabularPreprocessor.fit(train, names, {
    standardize: entry.wantsScaledInputs,
    maxCategories: options.maxCategories,
  });
  const trainTarget = encodeTarget(train, options.target, options.task);
  const matrix = preprocessor.transform(train);
  const data: TrainingData = {
    x: matrix.values,
    rows: matrix.rows,
    width: matrix.width,
    y: trainTarget.y,
    classes: trainTarget.classes?.length ?? 1,
  };
  const threshold =
    options.task === 'binary'
      ? options.tuneThreshold === false
        ? 0.5
        : tunedThreshold(data, options.validationFraction ?? 0.2, seed, (part) =>
            entry.fit(part, params, seed),
          )
      : undefined;
  const estimator = entry.fit(data, params, seed, options.hooks);
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
      threshold,
      features,
      ...(idColumns.length ? { idColumns } : {}),
    },
    preprocessor,
    estimator,
  );
  const testTarget = encodeTarget(test, options.target, options.task, trainTarget.classes);
  const scores = pipeline.scoreTable(test);
  const classes = trainTarget.classes?.length ?? 1;
  return {
    pipeline,
    metrics: taskMetrics(options.task, testTarget.y, scores, { classes, threshold }),
    baselineMetrics: taskBaselineMetrics(options.task, trainTarget.y, testTarget.y, classes),
    fitSeconds,
    trainRows: train.numRows,
    testRows: test.numRows,
    threshold,
    testTable: test,
    trainTable: train,
    split,
  };
}

/**
 * Fits on all but a held-out share of `data`, scores the held-out rows and returns the
 * threshold with the best F1 there (0.5 when too few rows or positives to tune).
 */
function tunedThreshold(
  data: TrainingData,
  fraction: number,
  seed: number,
  fit: (part: TrainingData) => Estimator,
): number {
  if (!(fraction > 0 && fraction < 1)) {
    throw new ModelsError('bad-params', `validationFraction must be between 0 and 1, got ${fraction}`);
  }
  const split = validationSplit(data.y, 2, fraction, seed);
  let heldPositives = 0;
  let fitPositives = 0;
  for (const row of split.validation) heldPositives += data.y[row];
  for (const row of split.fit) fitPositives += data.y[row];
  if (heldPositives < 1 || fitPositives < 1 || split.validation.length < 10) return 0.5;
  const part = (rows: Int32Array): TrainingData => ({
    x: takeRows(data.x, data.width, rows),
    rows: rows.length,
    width: data.width,
    y: Float64Array.from(rows, (row) => data.y[row]),
    classes: 2,
  });
  const held = part(split.validation);
  const scores = new Float64Array(held.rows);
  fit(part(split.fit)).predict(held.x, held.rows, scores);
  return tuneThreshold(held.y, scores).threshold;
}
