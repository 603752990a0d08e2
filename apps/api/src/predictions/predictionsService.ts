import type { ColumnSpec } from '@mlops/features';
import type { PredictionLogWriter } from '@mlops/registry';
import { ApiError } from '../http/ApiError';
import type { ModelStore } from '../models/ModelStore';
import type { FeatureValues, PredictionResponse } from './predictionDtos';
import { validateFeatures } from './validateFeatures';

/** Validates a request against the served model's schema, predicts, and logs the prediction. */
export class PredictionsService {
  constructor(
    private readonly models: ModelStore,
    private readonly log: PredictionLogWriter,
    readonly defaultModel: string,
  ) {}

  predict(modelName: string, body: FeatureValues, requestId: string): PredictionResponse {
    const started = performance.now();
    // Take the model once: a swap during this request does not affect it.
    const model = this.models.get(modelName);
    if (!model) {
      throw new ApiError(
        404,
        'model_not_found',
        `no production model named '${modelName}' (served: ${
          this.models
            .list()
            .map((m) => m.name)
            .join(', ') || 'none'
        })`,
      );
    }
    const errors = validateFeatures(body, model.pipeline.features);
    if (errors.length)
      throw new ApiError(
        422,
        'validation_error',
        `the features do not match ${modelName} v${model.version}`,
        errors,
      );
    const features = body as Record<string, number | string>;
    const result = model.pipeline.predictRecord(features);
    const timestamp = new Date().toISOString();
    const latency = Math.round((performance.now() - started) * 1000) / 1000;
    this.log.append({
      timestamp,
      request_id: requestId,
      model_name: model.name,
      model_version: model.version,
      features: loggableFeatures(features, model.pipeline.features),
      prediction: result.prediction,
      probability: result.probability,
      latency_ms: latency,
    });
    return {
      prediction: result.prediction,
      probability: result.probability,
      model_name: model.name,
      model_version: model.version,
      request_id: requestId,
      timestamp,
      latency_ms: latency,
    };
  }
}

/** The features as logged: fields the schema marks sensitive are left out. */
function loggableFeatures(
  body: Record<string, number | string>,
  features: readonly ColumnSpec[],
): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const spec of features) if (!spec.sensitive) out[spec.name] = body[spec.name];
  return out;
}
