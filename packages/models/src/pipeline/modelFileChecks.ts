import { ModelsError } from '../errors';

/**
 * The largest magnitude a fitted number (weight, intercept, leaf value, mean, fill)
 * may have. No fit produces more, and below it a prediction cannot overflow to
 * ±Infinity or NaN on inputs of ordinary size.
 */
export const MODEL_NUMBER_LIMIT = 1e100;

/** The `bad-model-file` error for `field`: one line, naming the field and what is wrong with it. */
export function badModelFile(field: string, problem: string): ModelsError {
  return new ModelsError(
    'bad-model-file',
    `model file: ${field} ${problem}: retrain the model or restore the file`,
  );
}

/** A short, printable form of a bad value for messages. */
export function shown(value: unknown): string {
  if (typeof value === 'number') return String(value);
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** Throws unless `value` is a finite number of at most {@link MODEL_NUMBER_LIMIT} in magnitude. */
export function expectModelNumber(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > MODEL_NUMBER_LIMIT) {
    throw badModelFile(field, `is ${shown(value)}: it must be a finite number within ±${MODEL_NUMBER_LIMIT}`);
  }
  return value;
}

/** Throws unless `value` is an integer in `[min, max]`. */
export function expectInteger(
  value: unknown,
  field: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in ${min}…${max}`;
    throw badModelFile(field, `is ${shown(value)}: it must be an integer ${range}`);
  }
  return value;
}

/** Throws unless `value` is an array of `length` (when given) model numbers. */
export function expectModelNumbers(
  value: unknown,
  field: string,
  length?: number,
  lengthNote = '',
): number[] {
  if (!Array.isArray(value)) throw badModelFile(field, `is ${shown(value)}: it must be an array of numbers`);
  if (length !== undefined && value.length !== length) {
    throw badModelFile(field, `has ${value.length} values: it must have ${length}${lengthNote}`);
  }
  value.forEach((item, i) => {
    expectModelNumber(item, `${field}[${i}]`);
  });
  return value as number[];
}

/** Throws unless `value` is a plain object (not null, not an array). */
export function expectObject(value: unknown, field: string): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw badModelFile(field, `is ${shown(value)}: it must be an object`);
  }
  return value as Record<string, unknown>;
}

/** Throws unless `value` is exactly `expected`; `why` says where the expectation comes from. */
export function expectExactly(value: unknown, expected: number | string, field: string, why: string): void {
  if (value !== expected)
    throw badModelFile(field, `is ${shown(value)}: it must be ${shown(expected)} (${why})`);
}
