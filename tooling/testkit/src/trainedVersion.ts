import {
  type BaselineProfile,
  type ColumnSpec,
  columnsWithRole,
  type DataTable,
  featureColumns,
  getDatasetGenerator,
  profileTable,
  type Task,
} from '@mlops/features';
import {
  type Metrics,
  type ModelDocument,
  predictionProfile,
  referenceSample,
  trainModel,
} from '@mlops/models';

/** Options of {@link trainedVersion}. */
export interface TrainedVersionOptions {
  /** The generated dataset (`churn`, `credit`, `fraud`, `housing`, `sales`). @default 'churn' */
  dataset?: string;
  /** How many rows to generate. @default 2000 */
  rows?: number;
  /** Seed of the rows, the split and the model: the same seed gives the same model. @default 1 */
  seed?: number;
  /** Model kind from the estimator catalogue. @default 'logistic' */
  model?: string;
  /** Hyperparameters. @default {} */
  params?: Record<string, number>;
  /**
   * Train on these features only (kept in the schema's order): a model with other request
   * fields, or a weaker one on the same split. @default every feature of the schema
   */
  features?: readonly string[];
  /** Whether the schema's id columns are sensitive (hashed in the log's entity key). @default as the schema says */
  sensitiveIds?: boolean;
  /** The id columns stored with the model, instead of the schema's. @default the schema's id columns */
  idColumns?: ColumnSpec[];
  /**
   * Store the model's own predictions on its held-out rows in the profile, as training
   * does; false makes a version as older training did (no `profile.predictions`). @default true
   */
  predictions?: boolean;
  /**
   * Store a reference sample (the training rows, seeded, with the model's own predictions), as
   * training does now; false registers the version as older training did. @default true
   */
  referenceSample?: boolean;
  /** Changes the reference profile before the version is returned (known histogram edges, a hollow profile). */
  editProfile?: (profile: BaselineProfile) => void;
  /**
   * Predict this column of the dataset instead of the schema's target (it stops being a
   * feature), as this task: e.g. churn's `contract` as a multiclass target. @default the schema's
   */
  target?: { column: string; task: Task };
  /** @default `generated:<dataset>:<rows>:<seed>` */
  dataHash?: string;
}

/**
 * A version ready to register: the fields of `@mlops/registry`'s `NewVersion`, written
 * out here so that the registry's own tests can use the kit without a dependency cycle.
 */
export interface TrainedVersion {
  /** The model document; its `features` are the version's feature schema. */
  model: ModelDocument;
  profile: BaselineProfile;
  metrics: Metrics;
  baselineMetrics: Metrics;
  params: Record<string, number>;
  dataHash: string;
  dataRows: number;
  seed: number;
  gate: { passed: boolean; checks: string[] };
  testRows: DataTable;
  split: 'given' | 'random' | 'temporal';
  referenceSample?: DataTable;
}

/**
 * Trains a model on a generated dataset as `mlops train` does before it registers it:
 * the schema's features (or a subset) and id columns, the split the schema asks for
 * (temporal on its time column for `sales`, else seeded and stratified), the profile of
 * the features and the label only, the model's own predictions on the held-out rows,
 * and those rows for later gates. Returns the version document, gate passed.
 */
export function trainedVersion(options: TrainedVersionOptions = {}): TrainedVersion {
  const dataset = options.dataset ?? 'churn';
  const rows = options.rows ?? 2_000;
  const seed = options.seed ?? 1;
  const params = options.params ?? {};
  const { schema, generate } = getDatasetGenerator(dataset);
  const table = generate(rows, seed);
  const target = options.target?.column ?? schema.target;
  const features = featureColumns(schema).filter(
    (spec) => spec.name !== target && (!options.features || options.features.includes(spec.name)),
  );
  const idColumns =
    options.idColumns ??
    schema.columns
      .filter((column) => column.role === 'id')
      .map((column) => ({ ...column, sensitive: options.sensitiveIds ?? column.sensitive }));
  const result = trainModel({
    table,
    target,
    task: options.target?.task ?? schema.task,
    model: options.model ?? 'logistic',
    params,
    features,
    idColumns,
    timeColumn: schema.split === 'temporal' ? columnsWithRole(schema, 'time')[0] : undefined,
    seed,
  });
  const inputs = new Set(features.map((spec) => spec.name));
  const profile = profileTable(table, {
    target,
    exclude: table.columnNames.filter((column) => !inputs.has(column)),
  });
  if (options.predictions !== false)
    profile.predictions = predictionProfile(result.pipeline, result.testTable);
  options.editProfile?.(profile);
  return {
    model: result.pipeline.toJSON(),
    profile,
    metrics: result.metrics,
    baselineMetrics: result.baselineMetrics,
    params,
    dataHash: options.dataHash ?? `generated:${dataset}:${rows}:${seed}`,
    dataRows: table.numRows,
    seed,
    gate: { passed: true, checks: [] },
    testRows: result.testTable,
    split: result.split,
    ...(options.referenceSample === false
      ? {}
      : { referenceSample: referenceSample(result.pipeline, result.trainTable, { seed }) }),
  };
}
