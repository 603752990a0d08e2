import type { ColumnSpec } from '@mlops/features';
import type { ErrorDetail } from '../http/ApiError';
import type { RequestFields } from './requestFields';

/**
 * Checks one instance of a request against the served model's fields and returns
 * every problem, named by field: a feature missing, of the wrong type, not finite or
 * out of range; an id column of the wrong type; a field that is neither. Id columns
 * are optional and have no range. Nothing is coerced: "12" is not a number.
 */
export function validateInstance(body: unknown, fields: RequestFields, prefix = ''): ErrorDetail[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return [
      { field: prefix.replace(/\.$/, '') || undefined, message: 'must be a JSON object of feature values' },
    ];
  }
  const record = body as Record<string, unknown>;
  const errors: ErrorDetail[] = [];
  for (const spec of fields.features) {
    const field = `${prefix}${spec.name}`;
    const value = record[spec.name];
    if (value === undefined || value === null) {
      errors.push({ field, message: `is required (${describe(spec)})` });
    } else if (spec.type === 'numeric') {
      if (typeof value !== 'number') errors.push({ field, message: `must be a number, got ${typeof value}` });
      else if (!Number.isFinite(value)) errors.push({ field, message: 'must be a finite number' });
      else if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) {
        errors.push({
          field,
          message: `must be between ${spec.min ?? '-∞'} and ${spec.max ?? '∞'}, got ${value}`,
        });
      } else if (spec.integer && !Number.isInteger(value)) {
        errors.push({ field, message: `must be a whole number, got ${value}` });
      }
    } else if (typeof value !== 'string') {
      errors.push({ field, message: `must be a string, got ${typeof value}` });
    }
  }
  for (const spec of fields.ids) {
    const value = record[spec.name];
    if (value === undefined) continue;
    const problem = idProblem(spec, value);
    if (problem) errors.push({ field: `${prefix}${spec.name}`, message: problem });
  }
  for (const key of Object.keys(record)) {
    if (!fields.known.has(key))
      errors.push({ field: `${prefix}${key}`, message: 'is not a feature or an id column of this model' });
  }
  return errors;
}

/** What is wrong with an id column's value, if anything (ids have a type, not a range). */
function idProblem(spec: ColumnSpec, value: unknown): string | undefined {
  const got = value === null ? 'null' : typeof value;
  if (spec.type === 'categorical')
    return typeof value === 'string' ? undefined : `must be a string (an id column), got ${got}`;
  if (typeof value !== 'number') return `must be a number (an id column), got ${got}`;
  if (!Number.isFinite(value)) return 'must be a finite number';
  if (spec.integer && !Number.isInteger(value)) return `must be a whole number, got ${value}`;
  return undefined;
}

function describe(spec: ColumnSpec): string {
  if (spec.type === 'categorical')
    return spec.categories ? `one of ${spec.categories.join(', ')}` : 'a string';
  return spec.min !== undefined || spec.max !== undefined
    ? `a number in [${spec.min ?? '-∞'}, ${spec.max ?? '∞'}]`
    : 'a number';
}
