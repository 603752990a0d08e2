/**
 * Feature values of one instance: a flat JSON object, e.g.
 * `{"tenure_months": 12, "contract": "one-year"}`. Typed loosely on purpose: the
 * served model's schema, not this type, decides what is valid, and its validator
 * names every bad field.
 */
export type FeatureValues = { [feature: string]: unknown };

/** One prediction, as `POST /predict` answers. */
export interface PredictionResponse {
  /** The predicted class (classification) or value (regression). */
  prediction: number | string;
  /** P(positive class) for binary models, P(predicted class) for multiclass ones. */
  probability?: number;
  model_name: string;
  model_version: number;
  request_id: string;
  /** ISO 8601 time of the prediction. */
  timestamp: string;
  latency_ms: number;
}

/** Body of the batch routes: the instances to predict, each a flat object of feature values. */
export interface BatchRequest {
  /**
   * One object of feature values per row, at most `MLOPS_BATCH_LIMIT` (default
   * 10,000). Typed `unknown[]` so that the served model's validator, not tsoa's,
   * checks each row and names problems as `instances[i].field`.
   */
  instances: unknown[];
}

/** One row's answer in a batch. */
export interface RowPredictionDto {
  prediction: number | string;
  probability?: number;
}

/** All predictions of one batch, in the order of the instances. */
export interface BatchPredictionResponse {
  predictions: RowPredictionDto[];
  /** Number of rows predicted. */
  count: number;
  model_name: string;
  model_version: number;
  /** The request's id; row `i` is logged as `<request_id>#<i>`. */
  request_id: string;
  /** ISO 8601 time of the predictions. */
  timestamp: string;
  /** Server time for the whole batch: validation, prediction and logging. */
  latency_ms: number;
}
