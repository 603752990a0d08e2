import { type FieldExplanation, ModelsError } from '@mlops/models';
import type { PredictionLogSink } from '@mlops/registry';
import { ApiError, type ErrorDetail } from '../http/ApiError';
import type { ApiMetrics } from '../metrics/ApiMetrics';
import type { LoadedModel, ModelStore } from '../models/ModelStore';
import { ShadowQueue } from '../routing/ShadowQueue';
import { inShare, routingKey } from '../routing/trafficShare';
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
  /** Where shadow scorings wait off the response path. @default a ShadowQueue of 1000 */
  shadows?: ShadowQueue;
}

/** Who answered a request: production, or a canary challenger. */
export type AnswerRole = 'champion' | 'canary';

type Row = Record<string, number | string>;

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
  /** The shadow scorings waiting off the response path. */
  readonly shadows: ShadowQueue;

  constructor(
    private readonly models: ModelStore,
    private readonly log: PredictionLogSink,
    readonly defaultModel: string,
    private readonly options: PredictionsServiceOptions = {},
  ) {
    this.batchLimit = options.batchLimit ?? 10_000;
    this.limits = options.limits ?? defaultInstanceLimits;
    this.shadows = options.shadows ?? new ShadowQueue();
  }

  /**
   * Predicts one instance; with `explain`, also its per-field contributions (computed
   * only then: without it the request does exactly what it did before explanations).
   */
  predict(
    modelName: string,
    body: FeatureValues,
    requestId: string,
    explain = false,
    answered?: (role: AnswerRole) => void,
  ): PredictionResponse {
    const started = performance.now();
    // Take the models once: a swap during this request does not affect it.
    const champion = this.servedModel(modelName);
    const challenger = this.models.challenger(modelName);
    // Routed by the entity key (else the request id): one customer sticks to one version.
    const key = challenger ? routingKey(champion.request, isObject(body) ? body : {}, requestId) : '';
    const canary = challenger?.mode === 'canary' && inShare(key, challenger.weight);
    const model = canary ? challenger.model : champion;
    const role: AnswerRole = canary ? 'canary' : 'champion';
    answered?.(role);
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
      role,
    });
    this.options.metrics?.observePredictions(
      model.name,
      model.version,
      role,
      [result.prediction],
      result.probability === undefined ? undefined : [result.probability],
      latency / 1000,
    );
    if (challenger?.mode === 'shadow' && inShare(key, challenger.weight))
      this.shadow(challenger.model, [values], [requestId], timestamp);
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
    answered?: (role: AnswerRole) => void,
  ): BatchPredictionResponse {
    const started = performance.now();
    const champion = this.servedModel(modelName);
    const challenger = this.models.challenger(modelName);
    const candidates = this.checkBatchShape(instances);
    // Each row routed by its entity key; rows without one go with the request id (all together).
    const keys = challenger
      ? candidates.map((row) => routingKey(champion.request, isObject(row) ? row : {}, requestId))
      : undefined;
    const canaryRows =
      challenger?.mode === 'canary' ? keys!.map((key) => inShare(key, challenger.weight)) : undefined;
    const modelOf = (i: number): LoadedModel => (canaryRows?.[i] ? challenger!.model : champion);
    const canaries = canaryRows?.filter(Boolean).length ?? 0;
    answered?.(canaries > 0 ? 'canary' : 'champion');
    const rows = this.checkBatch(candidates, modelOf, champion);
    const groups: Array<{ model: LoadedModel; role: AnswerRole; rows: number[] }> = [];
    if (canaries < rows.length)
      groups.push({
        model: champion,
        role: 'champion',
        rows: rowIndices(rows.length, (i) => !canaryRows?.[i]),
      });
    if (canaries > 0)
      groups.push({
        model: challenger!.model,
        role: 'canary',
        rows: rowIndices(rows.length, (i) => canaryRows![i]),
      });
    const split = groups.length > 1;
    const answers: RowPredictionDto[] = new Array(rows.length);
    const timestamp = new Date().toISOString();
    const scored = groups.map((group) => {
      const groupRows = group.rows.map((i) => rows[i]);
      const table = instancesTable(groupRows, group.model.request.features);
      const { predictions, probabilities } = group.model.pipeline.predictTable(table);
      const explanations = explain
        ? explained(group.model, () => group.model.pipeline.explainTable(table))
        : undefined;
      const classes = group.model.pipeline.document.classes;
      for (let j = 0; j < group.rows.length; j += 1) {
        const probability = probabilities?.[j];
        const answer: RowPredictionDto =
          probability === undefined
            ? { prediction: predictions[j] }
            : { prediction: predictions[j], probability };
        if (split) answer.model_version = group.model.version;
        if (explanations) answer.explanation = explanationDto(explanations, j, classes);
        answers[group.rows[j]] = answer;
      }
      return { ...group, predictions, probabilities };
    });
    const latency = Math.round((performance.now() - started) * 1000) / 1000;
    const perRow = Math.round((latency / rows.length) * 1000) / 1000;
    for (const { model, role, rows: indices, predictions, probabilities } of scored) {
      for (let j = 0; j < indices.length; j += 1) {
        const i = indices[j];
        this.log.append({
          timestamp,
          request_id: `${requestId}#${i}`,
          model_name: model.name,
          model_version: model.version,
          features: model.log.features(rows[i]),
          entity: model.log.entity(rows[i]),
          binned: model.log.binned,
          prediction: predictions[j],
          probability: probabilities?.[j],
          latency_ms: perRow,
          role,
        });
      }
      this.options.metrics?.observePredictions(
        model.name,
        model.version,
        role,
        predictions,
        probabilities,
        (perRow * indices.length) / 1000,
      );
    }
    if (challenger?.mode === 'shadow') {
      const shadowed = rowIndices(rows.length, (i) => inShare(keys![i], challenger.weight));
      if (shadowed.length > 0)
        this.shadow(
          challenger.model,
          shadowed.map((i) => rows[i]),
          shadowed.map((i) => `${requestId}#${i}`),
          timestamp,
        );
    }
    return {
      predictions: answers,
      count: rows.length,
      model_name: champion.name,
      model_version: canaries === rows.length ? challenger!.model.version : champion.version,
      request_id: requestId,
      timestamp,
      latency_ms: latency,
    };
  }

  /**
   * Queues the shadow's scoring of `rows` (already valid for production) off the response
   * path; each is logged with role `shadow` under the same request id as production's
   * answer, and never returned. Rows the challenger's own schema refuses are skipped and
   * counted; a full queue drops the whole scoring, counted in `mlops_shadow_dropped_total`.
   */
  private shadow(model: LoadedModel, rows: Row[], requestIds: string[], timestamp: string): void {
    const metrics = this.options.metrics;
    const queued = this.shadows.enqueue(() => {
      const started = performance.now();
      const valid: number[] = [];
      for (let i = 0; i < rows.length; i += 1)
        if (validateInstance(rows[i], model.request, { limits: this.limits, maxProblems: 1 }).length === 0)
          valid.push(i);
      if (valid.length < rows.length) metrics?.observeShadowSkipped(model.name, rows.length - valid.length);
      if (valid.length === 0) return;
      const scored = valid.map((i) => rows[i]);
      const { predictions, probabilities } =
        scored.length === 1
          ? single(model.pipeline.predictRecord(scored[0]))
          : model.pipeline.predictTable(instancesTable(scored, model.request.features));
      const seconds = (performance.now() - started) / 1000;
      const perRow = Math.round(((seconds * 1000) / scored.length) * 1000) / 1000;
      for (let j = 0; j < valid.length; j += 1) {
        const row = rows[valid[j]];
        this.log.append({
          timestamp,
          request_id: requestIds[valid[j]],
          model_name: model.name,
          model_version: model.version,
          features: model.log.features(row),
          entity: model.log.entity(row),
          binned: model.log.binned,
          prediction: predictions[j],
          probability: probabilities?.[j],
          latency_ms: perRow,
          role: 'shadow',
        });
      }
      metrics?.observePredictions(model.name, model.version, 'shadow', predictions, probabilities, seconds);
    });
    if (!queued) metrics?.observeShadowDropped(model.name);
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

  /** The batch's outer shape: an array of 1 to `batchLimit` rows (the rows themselves are checked by {@link checkBatch}). */
  private checkBatchShape(instances: unknown): unknown[] {
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
    return instances;
  }

  /** Every row checked against the model that will answer it (`modelOf`); `model` names the batch's in the message. */
  private checkBatch(instances: unknown[], modelOf: (i: number) => LoadedModel, model: LoadedModel): Row[] {
    // Validation stops once it has found one problem more than it lists: a batch of a
    // million bad fields costs what one of a hundred does.
    const errors: ErrorDetail[] = [];
    for (let i = 0; i < instances.length && errors.length <= MAX_DETAILS; i += 1) {
      const rowErrors = validateInstance(instances[i], modelOf(i).request, {
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
    return instances as Row[];
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The indices below `count` that `keep` keeps, ascending. */
function rowIndices(count: number, keep: (i: number) => boolean): number[] {
  const kept: number[] = [];
  for (let i = 0; i < count; i += 1) if (keep(i)) kept.push(i);
  return kept;
}

/** One record's prediction in the shape of `predictTable`'s. */
function single(result: { prediction: number | string; probability?: number }): {
  predictions: Array<number | string>;
  probabilities?: number[];
} {
  return {
    predictions: [result.prediction],
    probabilities: result.probability === undefined ? undefined : [result.probability],
  };
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
