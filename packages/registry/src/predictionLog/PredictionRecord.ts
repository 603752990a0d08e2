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
  /**
   * Input features as received; sensitive fields are dropped, hashed
   * (`sha256:<hex>`), or with `MLOPS_SENSITIVE_FIELDS=bin` replaced by the index
   * of their bin in the version's reference histogram (listed in `binned`).
   */
  features: Record<string, number | string | null>;
  /**
   * The entity the prediction is about: the model's id columns as the client sent
   * them (e.g. `customer_id`), hashed as `sha256:<hex>` when the column is
   * sensitive. Labels that arrive later join on it as well as on `request_id`.
   */
  entity?: Record<string, number | string>;
  /** Sensitive numeric features logged as their reference-histogram bin index (0-based). */
  binned?: string[];
  prediction: number | string;
  probability?: number;
  latency_ms: number;
  /**
   * Who made the prediction: `champion` (production answered), `canary` (the challenger
   * answered) or `shadow` (the challenger scored the request off the response path; the
   * client got the champion's answer, logged with the same `request_id`). Absent in records
   * of format 2 and before: read those as `champion` ({@link predictionRole}).
   */
  role?: PredictionRole;
}

/** The roles of {@link PredictionRecord.role}. */
export type PredictionRole = 'champion' | 'canary' | 'shadow';

/** Every {@link PredictionRole}, in that order. */
export const predictionRoles: readonly PredictionRole[] = ['champion', 'canary', 'shadow'];

/** The role of a record: its own, or `champion` for a record written before roles (format 2 and before). */
export function predictionRole(record: Pick<PredictionRecord, 'role'>): PredictionRole {
  return record.role ?? 'champion';
}

/**
 * Format version of the log segments this code writes (3 added `role`, 2 `entity` and
 * `binned`; 1 and 2 still read, as the champion's).
 */
export const PREDICTION_LOG_FORMAT_VERSION = 3;
