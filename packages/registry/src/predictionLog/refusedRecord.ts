import { RegistryError } from '../errors';
import { isModelName } from '../names/modelName';
import type { PredictionRecord } from './PredictionRecord';
import { predictionRecordProblem } from './predictionRecordProblem';

const MAX_VERSION = 2 ** 31 - 1;
// 0001-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z: what toISOString and PostgreSQL both write plainly.
const FIRST_TIME = -62_135_596_800_000;
const LAST_TIME = 253_402_300_799_999;

/**
 * Why a writer refuses `record`, or `undefined` when every backend can store it: it must
 * be a record the reader accepts ({@link predictionRecordProblem}), name a model by the
 * one name rule (`bad-name`), carry a time in the years 0001-9999 and a whole `model_version` from 1 to 2^31 − 1, and hold
 * no NUL character (PostgreSQL text cannot, and the file log must not take what the
 * database would refuse). Both writers count a refused record as lost and report it
 * through `onError`, so a bad record never reaches either log, nor fails its neighbours.
 */
export function refusedRecord(record: PredictionRecord): Error | undefined {
  const problem = predictionRecordProblem(record);
  if (problem) return new TypeError(`prediction record refused: ${problem}`);
  if (!isModelName(record.model_name)) {
    return new RegistryError(
      'bad-name',
      `prediction record refused: model_name ${JSON.stringify(record.model_name).slice(0, 80)} is not a model name (1-64 lowercase letters, digits, - or _)`,
    );
  }
  const time = Date.parse(record.timestamp);
  if (time < FIRST_TIME || time > LAST_TIME)
    return new RangeError(
      `prediction record refused: timestamp ${record.timestamp} must fall in the years 0001 to 9999`,
    );
  const version = record.model_version;
  if (!Number.isInteger(version) || version < 1 || version > MAX_VERSION)
    return new RangeError(
      `prediction record refused: model_version ${version} must be a whole number from 1 to ${MAX_VERSION}`,
    );
  try {
    if (holdsNul(record))
      return new TypeError(
        'prediction record refused: it holds a NUL character (\\u0000), which the log cannot store',
      );
  } catch {
    return new TypeError(
      'prediction record refused: it is not JSON (a value refers to itself, or nests deeper than 64)',
    );
  }
  return undefined;
}

/** Whether a string or key anywhere in `value` holds U+0000 (throws on a cycle, as JSON would). */
function holdsNul(value: unknown, depth = 0): boolean {
  if (depth > 64) throw new TypeError('nested too deep');
  if (typeof value === 'string') return value.includes('\0');
  if (value === null || typeof value !== 'object') return false;
  for (const [key, inner] of Object.entries(value)) {
    if (key.includes('\0') || holdsNul(inner, depth + 1)) return true;
  }
  return false;
}

/**
 * Splits a batch into the records a writer may store and one report of those it refuses
 * (the first refusal's error, saying how many more there were), for `onError`.
 */
export function partitionRefused(batch: readonly PredictionRecord[]): {
  accepted: PredictionRecord[];
  refused: number;
  error?: Error;
} {
  const accepted: PredictionRecord[] = [];
  let refused = 0;
  let error: Error | undefined;
  for (const record of batch) {
    const reason = refusedRecord(record);
    if (!reason) accepted.push(record);
    else {
      refused += 1;
      error ??= reason;
    }
  }
  if (error && refused > 1) error.message += ` (and ${refused - 1} more records refused in this flush)`;
  return { accepted, refused, error };
}
