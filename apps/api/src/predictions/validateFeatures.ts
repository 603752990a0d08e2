import type { ColumnSpec } from '@mlops/features';
import type { ErrorDetail } from '../http/ApiError';

/**
 * Checks a request's feature values against the model's feature schema and
 * returns every problem, named by field: missing, unknown, wrong type, not finite,
 * out of range. Nothing is coerced: "12" is not a number.
 */
export function validateFeatures(body: unknown, features: readonly ColumnSpec[], prefix = ''): ErrorDetail[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return [
      { field: prefix.replace(/\.$/, '') || undefined, message: 'must be a JSON object of feature values' },
    ];
  }
  const record = body as Record<string, unknown>;
  const errors: ErrorDetail[] = [];
  const known = new Set<string>();
  for (const spec of features) {
    known.add(spec.name);
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
  for (const key of Object.keys(record)) {
    if (!known.has(key)) errors.push({ field: `${prefix}${key}`, message: 'is not a feature of this model' });
  }
  return errors;
}

function describe(spec: ColumnSpec): string {
  if (spec.type === 'categorical')
    return spec.categories ? `one of ${spec.categories.join(', ')}` : 'a string';
  return spec.min !== undefined || spec.max !== undefined
    ? `a number in [${spec.min ?? '-∞'}, ${spec.max ?? '∞'}]`
    : 'a number';
}
