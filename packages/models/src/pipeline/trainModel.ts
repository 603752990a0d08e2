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
import type { FitHooks, TrainingData } from '../estimators/Estimator';
import { getEstimatorEntry } from '../estimators/estimatorCatalog';
import type { HeldOutScores } from '../estimators/heldOut';
import type { Metrics } from '../metrics/Metrics';
import { taskBaselineMetrics, taskMetrics } from '../metrics/taskMetrics';
import { tuneThreshold } from '../metrics/tuneThreshold';
import { encodeTarget } from './encodeTarget';
import { MODEL_FORMAT_VERSION } from './ModelDocument';
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
   * Binary only: pick the decision threshold that maximises F1 on predictions the one
   * fit makes on training rows it does not learn from: gradient boosting's validation
   * split (its early-stopping split; held out for this when early stopping is off, so
   * the model is fitted on the other `validation_fraction` of rows), a random forest's
   * out-of-bag rows, 5-fold cross-fitted predictions for logistic regression, and a
   * held-out `validationFraction` for a decision tree or a forest without bootstrap.
   * Off: threshold 0.5, one fit on all training rows. @default true
   */
  tuneThreshold?: boolean;
  /** Share of the training rows a decision tree (or forest without bootstrap) holds out for threshold tuning. @default 0.2 */
  validationFraction?: number;
  /** Callbacks of the fit (e.g. boosting rounds' validation scores, for pruning). */
  hooks?: FitHooks;
}

export type { Metrics };

/** A trained model with its held-out evaluation. */
export interface TrainModelResult {
  pipeline: ModelPipeline;
  metrics: Metrics;
  /** The same metrics for the trivial baseline (majority class or mean). */
  baselineMetrics: Metrics;
  /** Wall seconds of preprocessing and fitting as the caller waits for them (threshold tuning included). */
  fitSeconds: number;
  /**
   * Binary with threshold tuning: where the held-out predictions the threshold was tuned
   * on came from, and how many rows they cover.
   */
  heldOut?: { source: HeldOutScores['source']; rows: number };
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
  const tunes = options.task === 'binary' && options.tuneThreshold !== false;
  const fraction = options.validationFraction ?? 0.2;
  if (tunes && !(fraction > 0 && fraction < 1)) {
    throw new ModelsError('bad-params', `validationFraction must be between 0 and 1, got ${fraction}`);
  }
  const fitted = tunes
    ? entry.fitWithHeldOut(data, params, seed, fraction, options.hooks)
    : { estimator: entry.fit(data, params, seed, options.hooks), heldOut: undefined };
  const { estimator, heldOut } = fitted;
  const threshold =
    options.task !== 'binary' ? undefined : heldOut ? thresholdFromHeldOut(data.y, heldOut) : 0.5;
  const fitSeconds = Number(process.hrtime.bigint() - started) / 1e9;

  const pipeline = new ModelPipeline(
    {
      format: 'mlops-model',
      formatVersion: MODEL_FORMAT_VERSION,
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
    ...(heldOut ? { heldOut: { source: heldOut.source, rows: heldOut.rows.length } } : {}),
    trainRows: train.numRows,
    testRows: test.numRows,
    threshold,
    testTable: test,
    trainTable: train,
    split,
  };
}

/**
 * The threshold with the best F1 on a fit's held-out predictions (0.5 when fewer than
 * 10 held-out rows, or no positive among them, leave nothing to tune).
 */
function thresholdFromHeldOut(y: Float64Array, heldOut: HeldOutScores): number {
  const labels = Float64Array.from(heldOut.rows, (row) => y[row]);
  let positives = 0;
  for (const label of labels) positives += label;
  if (positives < 1 || labels.length < 10) return 0.5;
  return tuneThreshold(labels, heldOut.scores).threshold;
}
