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
