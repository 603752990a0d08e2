/**
 * Why a parsed log line cannot be used as a prediction record, or undefined when
 * it can: an object with a string timestamp that parses as a time, string
 * `request_id` and `model_name`, a numeric `model_version`, a `features` object,
 * a number or string `prediction`, a numeric `latency_ms` (and `probability`,
 * `entity`, `binned` of their types when present). The monitor reads every one of
 * these, so a record lacking one would abort a check or skew it.
 */
export function recordProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return `not a JSON object (${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value})`;
  }
  const record = value as Record<string, unknown>;
  if (typeof record.timestamp !== 'string') return 'timestamp is not a string';
  if (Number.isNaN(Date.parse(record.timestamp))) return 'timestamp is not a time';
  for (const key of ['request_id', 'model_name'] as const) {
    if (typeof record[key] !== 'string') return `${key} is not a string`;
  }
  if (typeof record.model_version !== 'number' || !Number.isFinite(record.model_version))
    return 'model_version is not a number';
  if (!isPlainObject(record.features)) return 'features is not an object';
  if (typeof record.prediction !== 'number' && typeof record.prediction !== 'string')
    return 'prediction is not a number or a string';
  if (typeof record.latency_ms !== 'number') return 'latency_ms is not a number';
  if (record.probability !== undefined && typeof record.probability !== 'number')
    return 'probability is not a number';
  if (record.entity !== undefined && !isPlainObject(record.entity)) return 'entity is not an object';
  if (
    record.binned !== undefined &&
    !(Array.isArray(record.binned) && record.binned.every((name) => typeof name === 'string'))
  )
    return 'binned is not a list of field names';
  return undefined;
}

function isPlainObject(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
