import { type BaselineProfile, type CellValue, type DataTable, getDatasetGenerator } from '@mlops/features';
import { type ModelDocument, ModelPipeline } from '@mlops/models';
import type { LoggedPrediction, PredictionSink } from './LoggedPrediction';
import { redactSensitive, type SensitiveMode } from './redactSensitive';

/** Options of {@link logTraffic}. */
export interface TrafficOptions {
  /** The version that answers: its features, id columns and predictions. */
  model: ModelPipeline | ModelDocument;
  /** The model name logged. */
  name: string;
  /** The version number logged. @default 1 */
  version?: number;
  /** The generated dataset the requests are drawn from. @default `name` */
  dataset?: string;
  /** Time stamp of the first request. */
  from: Date;
  /** Milliseconds between requests. @default 1000 */
  stepMs?: number;
  /** How many predictions to log. @default 2000 */
  rows?: number;
  /** Generate only this many rows and cycle through them (a long log in little memory). @default `rows` */
  distinctRows?: number;
  /** Seed of the generated requests. @default 7 */
  seed?: number;
  /** Added to numeric features (drift). */
  shift?: Record<string, number>;
  /** Replaces features of request i outright (e.g. an unseen category). */
  set?: (i: number) => Record<string, CellValue>;
  /**
   * A made-up prediction of request i, logged with probability 0.8 (class 1) or 0.2.
   * @default the model's own prediction and probability
   */
  prediction?: (i: number) => number;
  /** Log the model's id columns as the entity key, as for a client that sends them. @default true */
  entity?: boolean;
  /** How sensitive features reach the log (`MLOPS_SENSITIVE_FIELDS`). @default 'drop' */
  sensitive?: SensitiveMode;
  /** The version's reference profile: its histogram edges are the bins of `sensitive: 'bin'`. */
  profile?: BaselineProfile;
  /**
   * The pseudonym of a sensitive value, e.g. `(v) => hashSensitiveValue(salt, v)` from
   * `@mlops/registry`; needed when a sensitive id or feature is hashed.
   */
  hash?: (value: number | string) => string;
  /** Request id of request i. @default `r-<from ms>-<i>` */
  requestId?: (i: number) => string;
  /** Flush the sink after every this many records (bounded memory); it is always flushed at the end. */
  flushEvery?: number;
}

/**
 * Logs predictions of freshly generated rows to `sink` as the API writes them: the
 * model's own predictions (made up for a row the API would refuse), the id columns as
 * the entity key (hashed when sensitive), sensitive features dropped, hashed or
 * binned, one request every `stepMs` from `from`. The entity of request i is the
 * generator's id of row i. Resolves once the sink has flushed.
 */
export async function logTraffic(sink: PredictionSink, options: TrafficOptions): Promise<void> {
  const pipeline =
    options.model instanceof ModelPipeline ? options.model : ModelPipeline.fromJSON(options.model);
  const { document } = pipeline;
  const count = options.rows ?? 2_000;
  const rows = getDatasetGenerator(options.dataset ?? options.name).generate(
    options.distinctRows ?? count,
    options.seed ?? 7,
  );
  const hash = options.hash ?? missingHash;
  const from = options.from.getTime();
  for (let i = 0; i < count; i += 1) {
    const row = rows.row(i % rows.numRows);
    const features = requestFeatures(row, document, options, i);
    const output = options.prediction
      ? { prediction: options.prediction(i), probability: options.prediction(i) ? 0.8 : 0.2 }
      : predictOrMakeUp(pipeline, features, i);
    const record: LoggedPrediction = {
      timestamp: new Date(from + i * (options.stepMs ?? 1000)).toISOString(),
      request_id: options.requestId?.(i) ?? `r-${from}-${i}`,
      model_name: options.name,
      model_version: options.version ?? 1,
      features,
      prediction: output.prediction,
      ...(output.probability === undefined ? {} : { probability: output.probability }),
      latency_ms: 1 + (i % 10),
    };
    const entity: Record<string, number | string> = {};
    for (const spec of options.entity === false ? [] : (document.idColumns ?? [])) {
      const value = row[spec.name] as number | string;
      entity[spec.name] = spec.sensitive ? hash(value) : value;
    }
    if (Object.keys(entity).length) record.entity = entity;
    redactSensitive(record, document.features, options.sensitive ?? 'drop', hash, options.profile?.columns);
    sink.append(record);
    if (options.flushEvery && (i + 1) % options.flushEvery === 0) await sink.flush();
  }
  await sink.flush();
}

function requestFeatures(
  row: ReturnType<DataTable['row']>,
  document: ModelPipeline['document'],
  options: TrafficOptions,
  i: number,
): Record<string, CellValue> {
  const features: Record<string, CellValue> = {};
  for (const spec of document.features) features[spec.name] = row[spec.name];
  for (const [column, delta] of Object.entries(options.shift ?? {}))
    features[column] = (features[column] as number) + delta;
  Object.assign(features, options.set?.(i) ?? {});
  return features;
}

function predictOrMakeUp(
  pipeline: ModelPipeline,
  features: Record<string, CellValue>,
  i: number,
): { prediction: number | string; probability?: number } {
  try {
    return pipeline.predictRecord(features);
  } catch {
    // A row the API would refuse (a null feature): the data-quality tests log such rows on purpose.
    return { prediction: i % 5 === 0 ? 1 : 0, probability: i % 5 === 0 ? 0.8 : 0.2 };
  }
}

function missingHash(): never {
  throw new TypeError(
    "options.hash: a sensitive value is to be hashed; pass the API's hasher (hashSensitiveValue with a salt)",
  );
}
