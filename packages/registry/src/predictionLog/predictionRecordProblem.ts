import { type PredictionRecord, predictionRoles } from './PredictionRecord';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const kindOf = (value: unknown): string =>
  value === undefined
    ? 'missing'
    : value === null
      ? 'null'
      : Array.isArray(value)
        ? 'an array'
        : typeof value === 'object'
          ? 'an object'
          : `a ${typeof value}`;

/**
 * Why a parsed log line is not a {@link PredictionRecord}, or `undefined` when it is
 * one: an object with a string `timestamp` that parses as a time, string
 * `request_id` and `model_name`, a numeric `model_version`, `features` an object of
 * numbers, strings or nulls, a number or string `prediction`, and when present a
 * numeric `probability` and `latency_ms`, an object `entity`, a string array `binned`, a `role`
 * of champion, canary or shadow.
 * The reader skips (and reports) lines that fail it instead of failing the read.
 */
export function predictionRecordProblem(value: unknown): string | undefined {
  if (!isPlainObject(value)) return `the line is ${kindOf(value)}, not a record`;
  const { timestamp, request_id, model_name, model_version, features, prediction } = value;
  if (typeof timestamp !== 'string' || Number.isNaN(Date.parse(timestamp)))
    return `timestamp is ${kindOf(timestamp)}${typeof timestamp === 'string' ? ' that is not a time' : ''}: it must be an ISO 8601 time`;
  if (typeof request_id !== 'string') return `request_id is ${kindOf(request_id)}: it must be a string`;
  if (typeof model_name !== 'string') return `model_name is ${kindOf(model_name)}: it must be a string`;
  if (typeof model_version !== 'number' || !Number.isFinite(model_version))
    return `model_version is ${kindOf(model_version)}: it must be a number`;
  if (!isPlainObject(features)) return `features is ${kindOf(features)}: it must be an object`;
  for (const [name, feature] of Object.entries(features)) {
    if (
      feature !== null &&
      typeof feature !== 'string' &&
      !(typeof feature === 'number' && Number.isFinite(feature))
    )
      return `features.${name} is ${kindOf(feature)}: it must be a number, a string or null`;
  }
  if (typeof prediction !== 'string' && !(typeof prediction === 'number' && Number.isFinite(prediction)))
    return `prediction is ${kindOf(prediction)}: it must be a number or a string`;
  for (const key of ['probability', 'latency_ms'] as const) {
    const number = value[key];
    if (number !== undefined && !(typeof number === 'number' && Number.isFinite(number)))
      return `${key} is ${kindOf(number)}: it must be a number`;
  }
  if (value.entity !== undefined && !isPlainObject(value.entity))
    return `entity is ${kindOf(value.entity)}: it must be an object`;
  if (
    value.binned !== undefined &&
    !(Array.isArray(value.binned) && value.binned.every((name) => typeof name === 'string'))
  )
    return 'binned must be an array of feature names';
  if (value.role !== undefined && !predictionRoles.includes(value.role as PredictionRecord['role'] & string))
    return `role is ${typeof value.role === 'string' ? JSON.stringify(value.role) : kindOf(value.role)}: it must be champion, canary or shadow`;
  return undefined;
}
