import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import {
  type BaselineProfile,
  type ColumnSpec,
  featureColumns,
  getDatasetGenerator,
  histogramBin,
  profileTable,
} from '@mlops/features';
import { ModelPipeline, predictionProfile, trainModel } from '@mlops/models';
import {
  hashSensitiveValue,
  openRegistry,
  PredictionLogWriter,
  type PredictionRecord,
  storeLayout,
} from '@mlops/registry';
import { type CliIo, runCli } from '../cli';

/** The salt the fixture's "API" hashes sensitive values with (`MLOPS_HASH_SALT`). */
export const FIXTURE_SALT = 'fixture-salt';

/** Options of {@link registeredHome}. */
export interface HomeOptions {
  /** Generated dataset, also the model's name. @default 'churn' */
  dataset?: string;
  /** Model kind. @default 'logistic' */
  model?: string;
  /**
   * Store the model's own predictions on its held-out rows in the profile, as training
   * does now; false registers the version as older training did (no `profile.predictions`).
   * @default true
   */
  predictions?: boolean;
  /** Whether the id columns are sensitive (hashed in the log's entity key). @default as the dataset's schema says */
  sensitiveIds?: boolean;
  /** Register a profile without columns (a hollow baseline the check must refuse to call stable). @default false */
  hollowProfile?: boolean;
}

/**
 * A fresh MLOPS_HOME with `<dataset>` v1 trained on 3,000 generated rows (seed 1) and
 * promoted, registered as the trainer registers it: features, id columns in the
 * model document, the profile of the features (and the label), the model's own
 * predictions on those rows in the profile, and the held-out rows.
 */
export async function registeredHome(prefix: string, options: HomeOptions = {}): Promise<string> {
  const home = mkdtempSync(join(tmpdir(), prefix));
  const name = options.dataset ?? 'churn';
  const { schema, generate } = getDatasetGenerator(name);
  const table = generate(3_000, 1);
  const features = featureColumns(schema);
  const idColumns = schema.columns
    .filter((column) => column.role === 'id')
    .map((column) => ({ ...column, sensitive: options.sensitiveIds ?? column.sensitive }));
  const result = trainModel({
    table,
    target: schema.target,
    task: schema.task,
    model: options.model ?? 'logistic',
    features,
    idColumns,
    seed: 1,
  });
  const inputs = new Set(features.map((spec) => spec.name));
  const profile = profileTable(table, {
    target: schema.target,
    exclude: table.columnNames.filter((column) => !inputs.has(column)),
  });
  if (options.predictions !== false)
    profile.predictions = predictionProfile(result.pipeline, result.testTable);
  if (options.hollowProfile) profile.columns = {};
  const registry = openRegistry(home);
  await registry.registerVersion(name, {
    model: result.pipeline.toJSON(),
    profile,
    metrics: result.metrics,
    baselineMetrics: result.baselineMetrics,
    params: {},
    dataHash: 'x',
    dataRows: table.numRows,
    seed: 1,
    gate: { passed: true, checks: [] },
    testRows: result.testTable,
    split: result.split,
  });
  await registry.promote(name, 1);
  return home;
}

/** Options of {@link logTraffic}. */
export interface Traffic {
  from: Date;
  /** The registered dataset/model. @default 'churn' */
  model?: string;
  /** The version that answers. @default 1 */
  version?: number;
  rows?: number;
  seed?: number;
  /** Added to numeric features. */
  shift?: Record<string, number>;
  /** Replaces features outright (e.g. an unseen category). */
  set?: (i: number) => Record<string, number | string | null>;
  /**
   * A made-up prediction of row i, logged with probability 0.8 (class 1) or 0.2.
   * @default the registered model's own prediction and probability
   */
  prediction?: (i: number) => number;
  stepMs?: number;
  /** How sensitive features reach the log (`MLOPS_SENSITIVE_FIELDS`). @default 'drop' */
  sensitive?: 'drop' | 'hash' | 'bin';
}

/** `sha256:<hex>` of salt + NUL + value, as the API hashes a sensitive value. */
export function hashValue(value: number | string, salt = FIXTURE_SALT): string {
  return hashSensitiveValue(salt, value);
}

/**
 * Logs predictions of fresh generated rows as the API would: the model's own
 * predictions, the id columns as the entity key (hashed when sensitive),
 * sensitive features dropped, hashed or replaced by their reference-bin index.
 * Request ids are `r-<from ms>-<i>`; the entity of row i is the generator's id of row i.
 */
export async function logTraffic(home: string, traffic: Traffic): Promise<void> {
  const name = traffic.model ?? 'churn';
  const registry = openRegistry(home);
  const [document, profile] = await Promise.all([
    registry.readModelDocument(name, traffic.version ?? 1),
    registry.readProfile(name, traffic.version ?? 1),
  ]);
  const pipeline = ModelPipeline.fromJSON(document);
  const writer = new PredictionLogWriter({ dir: storeLayout(home).predictions });
  const rows = getDatasetGenerator(name).generate(traffic.rows ?? 2_000, traffic.seed ?? 7);
  for (let i = 0; i < rows.numRows; i += 1) {
    const row = rows.row(i) as Record<string, number | string | null>;
    const features: Record<string, number | string | null> = {};
    for (const spec of document.features) features[spec.name] = row[spec.name];
    for (const [column, delta] of Object.entries(traffic.shift ?? {}))
      features[column] = (features[column] as number) + delta;
    Object.assign(features, traffic.set?.(i) ?? {});
    const output = traffic.prediction
      ? { prediction: traffic.prediction(i), probability: traffic.prediction(i) ? 0.8 : 0.2 }
      : predictOrMakeUp(pipeline, features, i);
    const record: PredictionRecord = {
      timestamp: new Date(traffic.from.getTime() + i * (traffic.stepMs ?? 1000)).toISOString(),
      request_id: `r-${traffic.from.getTime()}-${i}`,
      model_name: name,
      model_version: traffic.version ?? 1,
      features,
      prediction: output.prediction,
      ...(output.probability === undefined ? {} : { probability: output.probability }),
      latency_ms: 1 + (i % 10),
    };
    const entity: Record<string, number | string> = {};
    for (const spec of document.idColumns ?? []) {
      const value = row[spec.name] as number | string;
      entity[spec.name] = spec.sensitive ? hashValue(value) : value;
    }
    if (Object.keys(entity).length) record.entity = entity;
    redactSensitive(record, document.features, profile.columns, traffic.sensitive ?? 'drop');
    writer.append(record);
  }
  await writer.close();
}

function predictOrMakeUp(
  pipeline: ModelPipeline,
  features: Record<string, number | string | null>,
  i: number,
): { prediction: number | string; probability?: number } {
  try {
    return pipeline.predictRecord(features);
  } catch {
    // A row the API would refuse (a null feature): the data-quality tests log such rows on purpose.
    return { prediction: i % 5 === 0 ? 1 : 0, probability: i % 5 === 0 ? 0.8 : 0.2 };
  }
}

function redactSensitive(
  record: PredictionRecord,
  specs: readonly ColumnSpec[],
  columns: BaselineProfile['columns'],
  mode: 'drop' | 'hash' | 'bin',
): void {
  for (const spec of specs) {
    if (!spec.sensitive) continue;
    const value = record.features[spec.name];
    const reference = columns[spec.name];
    if (mode === 'hash' && value !== null) record.features[spec.name] = hashValue(value);
    else if (mode === 'bin' && typeof value === 'number' && reference?.kind === 'numeric') {
      record.features[spec.name] = histogramBin(value, reference.histogram.edges);
      record.binned = [...(record.binned ?? []), spec.name];
    } else delete record.features[spec.name];
  }
}

/** Runs the CLI in-process, capturing its output; `json()` parses the last stdout line. */
export async function monitor(
  home: string,
  argv: string[],
  extra: Partial<CliIo> = {},
  // biome-ignore lint/suspicious/noExplicitAny: tests read the CLI's JSON by path
): Promise<{ code: number; stdout: string; stderr: string; json: () => any }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk) => out.push(String(chunk)));
  stderr.on('data', (chunk) => err.push(String(chunk)));
  const { env, ...rest } = extra;
  const code = await runCli(argv, {
    stdout,
    stderr,
    ...rest,
    env: { MLOPS_HOME: home, LOG_LEVEL: 'error', ...env },
  });
  await new Promise((resolve) => setImmediate(resolve));
  const text = out.join('');
  return {
    code,
    stdout: text,
    stderr: err.join(''),
    json: () => JSON.parse(text.trim().split('\n').at(-1)!),
  };
}
