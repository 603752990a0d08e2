import { type FieldExplanation, ModelsError } from '@mlops/models';
import type { PredictionLogSink } from '@mlops/registry';
import { ApiError, type ErrorDetail } from '../http/ApiError';
import type { ApiMetrics } from '../metrics/ApiMetrics';
import type { LoadedModel, ModelStore } from '../models/ModelStore';
import { explanationDto } from './explanationDtos';
import { instancesTable } from './instancesTable';
import type {
  BatchPredictionResponse,
  FeatureValues,
  PredictionResponse,
  RowPredictionDto,
} from './predictionDtos';
import { defaultInstanceLimits, type InstanceLimits, validateInstance } from './validateInstance';

/** Options of {@link PredictionsService}. */
export interface PredictionsServiceOptions {
  /** Most rows in one batch. @default 10000 */
  batchLimit?: number;
  /** Where predictions are counted; none in bare unit use. */
  metrics?: ApiMetrics;
  /** Longest text value and most fields per instance. @default 1000 and 1000 */
  limits?: InstanceLimits;
}

/** Most validation problems looked for and listed in one error: validation stops there. */
const MAX_DETAILS = 100;

/**
 * Validates requests against the served model's fields, predicts, and logs every
 * prediction with the entity it is about (the id columns the request carried);
 * how each field reaches the log was decided when the model was loaded.
 */
export class PredictionsService {
  private readonly batchLimit: number;
  private readonly limits: InstanceLimits;

  constructor(
    private readonly models: ModelStore,
    private readonly log: PredictionLogSink,
    readonly defaultModel: string,
    private readonly options: PredictionsServiceOptions = {},
  ) {
    this.batchLimit = options.batchLimit ?? 10_000;
    this.limits = options.limits ?? defaultInstanceLimits;
  }

  /**
   * Predicts one instance; with `explain`, also its per-field contributions (computed
   * only then: without it the request does exactly what it did before explanations).
   */
  predict(modelName: string, body: FeatureValues, requestId: string, explain = false): PredictionResponse {
    const started = performance.now();
    // Take the model once: a swap during this request does not affect it.
    const model = this.servedModel(modelName);
    const errors = validateInstance(body, model.request, { limits: this.limits, maxProblems: MAX_DETAILS });
    if (errors.length)
      throw new ApiError(
        422,
        'validation_error',
        `the features do not match ${modelName} v${model.version}`,
        errors,
      );
    const values = body as Record<string, number | string>;
    const result = model.pipeline.predictRecord(values);
    const explanation = explain
      ? explanationDto(
          explained(model, () => model.pipeline.explainRecord(values)),
          0,
          model.pipeline.document.classes,
        )
      : undefined;
    const timestamp = new Date().toISOString();
    const latency = Math.round((performance.now() - started) * 1000) / 1000;
    this.log.append({
      timestamp,
      request_id: requestId,
      model_name: model.name,
      model_version: model.version,
      features: model.log.features(values),
      entity: model.log.entity(values),
      binned: model.log.binned,
      prediction: result.prediction,
      probability: result.probability,
      latency_ms: latency,
    });
    this.options.metrics?.observePredictions(
      model.name,
      model.version,
      [result.prediction],
      result.probability === undefined ? undefined : [result.probability],
    );
    const response: PredictionResponse = {
      prediction: result.prediction,
      probability: result.probability,
      model_name: model.name,
      model_version: model.version,
      request_id: requestId,
      timestamp,
      latency_ms: latency,
    };
    // Added only when asked for: the answer without explain is the object it always was.
    if (explanation) response.explanation = explanation;
    return response;
  }

  /**
   * Predicts every instance of a batch in one pass over a columnar table. The batch
   * is all or nothing: one invalid row rejects it, with every problem named as
   * `instances[i].field`. Row `i` is logged with request id `<requestId>#<i>`.
   */
  predictBatch(
    modelName: string,
    instances: unknown,
    requestId: string,
    explain = false,
  ): BatchPredictionResponse {
    const started = performance.now();
    const model = this.servedModel(modelName);
    const rows = this.checkBatch(instances, model);
    const table = instancesTable(rows, model.request.features);
    const { predictions, probabilities } = model.pipeline.predictTable(table);
    const explanations = explain ? explained(model, () => model.pipeline.explainTable(table)) : undefined;
    const classes = model.pipeline.document.classes;
    const timestamp = new Date().toISOString();
    const latency = Math.round((performance.now() - started) * 1000) / 1000;
    const perRow = Math.round((latency / rows.length) * 1000) / 1000;
    const answers: RowPredictionDto[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i += 1) {
      const probability = probabilities?.[i];
      answers[i] =
        probability === undefined
          ? { prediction: predictions[i] }
          : { prediction: predictions[i], probability };
      if (explanations) answers[i].explanation = explanationDto(explanations, i, classes);
      this.log.append({
        timestamp,
        request_id: `${requestId}#${i}`,
        model_name: model.name,
        model_version: model.version,
        features: model.log.features(rows[i]),
        entity: model.log.entity(rows[i]),
        binned: model.log.binned,
        prediction: predictions[i],
        probability,
        latency_ms: perRow,
      });
    }
    this.options.metrics?.observePredictions(model.name, model.version, predictions, probabilities);
    return {
      predictions: answers,
      count: rows.length,
      model_name: model.name,
      model_version: model.version,
      request_id: requestId,
      timestamp,
      latency_ms: latency,
    };
  }

  /** The served model called `name`, taken once per request; a 404 naming the served ones when there is none. */
  servedModel(name: string): LoadedModel {
    const model = this.models.get(name);
    if (model) return model;
    const served = this.models
      .list()
      .map((m) => m.name)
      .join(', ');
    throw new ApiError(
      404,
      'model_not_found',
      `no production model named '${name}' (served: ${served || 'none'})`,
    );
  }

  private checkBatch(instances: unknown, model: LoadedModel): Array<Record<string, number | string>> {
    if (!Array.isArray(instances)) {
      throw new ApiError(422, 'validation_error', 'the body must be {"instances": [...]}', [
        { field: 'instances', message: 'must be an array of feature objects' },
      ]);
    }
    if (instances.length === 0) {
      throw new ApiError(422, 'validation_error', 'the batch is empty', [
        { field: 'instances', message: 'must hold at least one instance' },
      ]);
    }
    if (instances.length > this.batchLimit) {
      throw new ApiError(
        413,
        'batch_too_large',
        `the batch has more than ${this.batchLimit} rows, the limit (MLOPS_BATCH_LIMIT): split it`,
        [{ field: 'instances', message: `must hold at most ${this.batchLimit} instances` }],
      );
    }
    // Validation stops once it has found one problem more than it lists: a batch of a
    // million bad fields costs what one of a hundred does.
    const errors: ErrorDetail[] = [];
    for (let i = 0; i < instances.length && errors.length <= MAX_DETAILS; i += 1) {
      const rowErrors = validateInstance(instances[i], model.request, {
        prefix: `instances[${i}].`,
        limits: this.limits,
        maxProblems: MAX_DETAILS + 1 - errors.length,
      });
      for (const error of rowErrors) errors.push(error);
    }
    if (errors.length > 0) {
      const more = errors.length > MAX_DETAILS;
      throw new ApiError(
        422,
        'validation_error',
        `${more ? `more than ${MAX_DETAILS}` : errors.length} problem(s) in the batch against ${model.name} v${model.version}${
          more ? ` (validation stopped: the first ${MAX_DETAILS} are listed)` : ''
        }: no row was predicted`,
        errors.slice(0, MAX_DETAILS),
      );
    }
    return instances as Array<Record<string, number | string>>;
  }
}

/**
 * Runs an explanation of `model`'s pipeline; a model that cannot be explained (a
 * `decision_tree` stored before per-node row counts were kept) is a 409 saying how to fix it.
 */
function explained(model: LoadedModel, explain: () => FieldExplanation): FieldExplanation {
  try {
    return explain();
  } catch (error) {
    if (!(error instanceof ModelsError) || error.code !== 'bad-argument') throw error;
    throw new ApiError(
      409,
      'not_explainable',
      `${model.name} v${model.version} cannot be explained: it was stored without the per-node training row counts explanations weigh its splits by; retrain it (mlops train) to explain its predictions`,
      [{ field: 'explain', message: 'not available for this version' }],
      { cause: error },
    );
  }
}
