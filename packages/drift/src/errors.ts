/** What went wrong in a drift computation, in a form callers can branch on. */
export type DriftErrorCode =
  | 'empty-sample'
  | 'bad-argument'
  | 'unknown-test'
  | 'test-not-applicable'
  | 'incompatible-profiles';

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
