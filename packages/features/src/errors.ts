import { type CodeOf, codedErrorClass } from './CodedError';
/** What went wrong with a dataset, in a form callers can branch on. */
export const featuresErrorCodes = [
  'missing-column',
  'duplicate-column',
  'wrong-column-type',
  'bad-file',
  'bad-csv',
  'unknown-dataset',
  'bad-argument',
  'quality-gate-failed',
  'bad-preprocessor',
  'bad-schema',
  'bad-time',
  'too-many-categories',
] as const;

/** One of {@link featuresErrorCodes}: the contract between this package and the edges that map codes to statuses or exit codes. */
export type FeaturesErrorCode = CodeOf<typeof FeaturesError>;

/**
 * The one error type of `@mlops/features`. `message` is a single line naming the
 * file, column or rule and how to fix it; `code` lets callers map it to an exit
 * code or an HTTP status.
 */
export class FeaturesError extends codedErrorClass('FeaturesError', featuresErrorCodes) {}
