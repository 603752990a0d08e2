/**
 * One logged prediction: the contract between the API (which writes it) and the
 * monitor (which reads it). Keys are snake_case, as in the HTTP responses.
 */
export interface PredictionRecord {
  /** ISO 8601 time the prediction was made. */
  timestamp: string;
  request_id: string;
  model_name: string;
  model_version: number;
  /** Input features as received (sensitive fields dropped or hashed). */
  features: Record<string, number | string | null>;
  prediction: number | string;
  probability?: number;
  latency_ms: number;
}

/** Format version of the log segments this code writes. */
export const PREDICTION_LOG_FORMAT_VERSION = 1;
