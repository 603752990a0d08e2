/** What went wrong in a drift computation, in a form callers can branch on. */
export const driftErrorCodes = [
  'empty-sample',
  'bad-argument',
  'unknown-test',
  'test-not-applicable',
  'incompatible-profiles',
] as const;

/** One of {@link driftErrorCodes}: the contract between this package and the edges that map codes to statuses or exit codes. */
export type DriftErrorCode = (typeof driftErrorCodes)[number];

/**
 * The one error type of `@mlops/drift`. `message` is a single line naming the
 * column, argument or test and how to fix it.
 */
export class DriftError extends Error {
  override readonly name = 'DriftError';

  constructor(
    readonly code: DriftErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
