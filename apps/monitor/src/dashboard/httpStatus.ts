import { domainError, type ErrorCodeTables } from '../exitCodes';

/**
 * Every error code the dashboard can meet, mapped to one HTTP status (the
 * table's type makes a new code fail to compile until it is mapped). What a
 * client can fix is 4xx; the store or the code failing is 5xx.
 */
export const httpStatusTables: ErrorCodeTables = {
  monitor: {
    'nothing-to-compare': 422,
    'too-few-rows': 422,
    'bad-config': 500,
    'bad-model-name': 400,
    'unknown-model': 404,
    'bad-query': 400,
    'bad-body': 400,
  },
  drift: {
    'nothing-to-compare': 422,
    'empty-sample': 422,
    'bad-argument': 500,
    'unknown-test': 500,
    'test-not-applicable': 500,
    'incompatible-profiles': 500,
  },
  features: {
    'missing-column': 500,
    'duplicate-column': 500,
    'wrong-column-type': 500,
    'bad-file': 500,
    'bad-csv': 500,
    'unknown-dataset': 500,
    'bad-argument': 500,
    'quality-gate-failed': 500,
    'bad-preprocessor': 500,
    'bad-schema': 500,
    'bad-time': 500,
    'too-many-categories': 500,
  },
  registry: {
    'bad-name': 400,
    'bad-path': 400,
    'unknown-model': 404,
    'unknown-version': 404,
    'unknown-alias': 404,
    'corrupt-version': 500,
    'gate-failed': 409,
    'bad-gate': 500,
    'lock-timeout': 503,
    storage: 500,
    'bad-query': 400,
    'unknown-run': 404,
    archived: 409,
  },
  models: {
    'bad-argument': 500,
    'bad-params': 500,
    'unknown-model': 500,
    'bad-model-file': 500,
    'model-format-version': 500,
    'bad-input': 500,
    'not-converged': 500,
    'fit-failed': 500,
  },
};

/** The status and error code of a failed request: the table's, or 500 `internal`. */
export function httpErrorFor(error: unknown): { status: number; code: string } {
  const known = domainError(error);
  if (!known) return { status: 500, code: 'internal' };
  const status = (httpStatusTables[known.source] as Record<string, number>)[known.code] ?? 500;
  return { status, code: known.code };
}
