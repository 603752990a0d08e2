import type { ColumnSpec } from '@mlops/features';
import type { ErrorDetail } from '../http/ApiError';
import type { RequestFields } from './requestFields';

/** Limits of one instance that keep a request's cost bounded, whatever the model. */
export interface InstanceLimits {
  /** Longest text value or field name, in characters (`MLOPS_MAX_TEXT_LENGTH`). @default 1000 */
  maxTextLength: number;
  /** Most fields in one instance (`MLOPS_MAX_INSTANCE_KEYS`). @default 1000 */
  maxInstanceKeys: number;
}

export const defaultInstanceLimits: Readonly<InstanceLimits> = { maxTextLength: 1000, maxInstanceKeys: 1000 };

/** Options of {@link validateInstance}. */
export interface ValidateInstanceOptions {
  /** Put before every field name, e.g. `instances[3].`. @default '' */
  prefix?: string;
  limits?: InstanceLimits;
  /** Stop after this many problems: a body with a million bad keys costs no more than one with 100. @default 100 */
  maxProblems?: number;
}

/** Longest field name shown in a detail: a long unknown key is named by its start. */
const SHOWN_KEY = 64;

/**
 * Checks one instance of a request against the served model's fields and returns
 * its problems, named by field, at most `maxProblems`: more fields than the limit;
 * a feature missing, of the wrong type, not finite, out of range or (text) longer
 * than the limit; an id column of the wrong type; a field that is neither. Id columns
 * are optional and have no range. Nothing is coerced: "12" is not a number. Never
 * throws, whatever the body.
 */
export function validateInstance(
  body: unknown,
  fields: RequestFields,
  options: ValidateInstanceOptions = {},
): ErrorDetail[] {
  const prefix = options.prefix ?? '';
  const limits = options.limits ?? defaultInstanceLimits;
  const max = options.maxProblems ?? 100;
  const whole = prefix.replace(/\.$/, '') || undefined;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return [{ field: whole, message: 'must be a JSON object of feature values' }];
  }
  const record = body as Record<string, unknown>;
  // Counted with an early exit: Object.keys of a million-key object alone takes most of a second.
  let keys = 0;
  for (const key in record) {
    if (Object.hasOwn(record, key) && ++keys > limits.maxInstanceKeys)
      return [{ field: whole, message: tooManyFields(limits.maxInstanceKeys) }];
  }
  const errors: ErrorDetail[] = [];
  for (const spec of fields.features) {
    if (errors.length >= max) return errors;
    const problem = featureProblem(spec, own(record, spec.name), limits);
    if (problem) errors.push({ field: `${prefix}${spec.name}`, message: problem });
  }
  for (const spec of fields.ids) {
    if (errors.length >= max) return errors;
    const value = own(record, spec.name);
    if (value === undefined) continue;
    const problem = idProblem(spec, value, limits);
    if (problem) errors.push({ field: `${prefix}${spec.name}`, message: problem });
  }
  for (const key in record) {
    if (errors.length >= max) return errors;
    if (Object.hasOwn(record, key) && !fields.known.has(key))
      errors.push({ field: `${prefix}${shownKey(key)}`, message: UNKNOWN_FIELD });
  }
  return errors;
}

/** The detail message of a field that is neither a feature nor an id column. */
export const UNKNOWN_FIELD = 'is not a feature or an id column of this model';

export const tooManyFields = (max: number) =>
  `has more than ${max} fields, the limit (MLOPS_MAX_INSTANCE_KEYS)`;

export const tooLongText = (max: number) =>
  `is longer than ${max} characters, the limit (MLOPS_MAX_TEXT_LENGTH)`;

/** What validation says of an object or array sent as the value of a feature or id column. */
export function nestedValueProblem(spec: ColumnSpec, isId: boolean): string {
  return isId
    ? idProblem(spec, {}, defaultInstanceLimits)!
    : featureProblem(spec, {}, defaultInstanceLimits)!;
}

/** A field name as a detail shows it: long ones cut. */
export function shownKey(key: string): string {
  return key.length > SHOWN_KEY ? `${key.slice(0, SHOWN_KEY)}…` : key;
}

/** Own properties only: `{"constructor": 1}` is a field; an object's prototype is not. */
function own(record: Record<string, unknown>, name: string): unknown {
  return Object.hasOwn(record, name) ? record[name] : undefined;
}

function featureProblem(spec: ColumnSpec, value: unknown, limits: InstanceLimits): string | undefined {
  if (value === undefined || value === null) return `is required (${describe(spec)})`;
  if (spec.type === 'numeric') {
    if (typeof value !== 'number') return `must be a number, got ${typeof value}`;
    if (!Number.isFinite(value)) return 'must be a finite number';
    if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max))
      return `must be between ${spec.min ?? '-∞'} and ${spec.max ?? '∞'}, got ${value}`;
    if (spec.integer && !Number.isInteger(value)) return `must be a whole number, got ${value}`;
    return undefined;
  }
  if (typeof value !== 'string') return `must be a string, got ${typeof value}`;
  if (value.length > limits.maxTextLength) return tooLongText(limits.maxTextLength);
  return undefined;
}

/** What is wrong with an id column's value, if anything (ids have a type, not a range). */
function idProblem(spec: ColumnSpec, value: unknown, limits: InstanceLimits): string | undefined {
  const got = value === null ? 'null' : typeof value;
  if (spec.type === 'categorical') {
    if (typeof value !== 'string') return `must be a string (an id column), got ${got}`;
    return value.length > limits.maxTextLength ? tooLongText(limits.maxTextLength) : undefined;
  }
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
