/**
 * A version that loads but cannot answer: its test prediction, on an example of its
 * own schema, threw or gave something that is not a prediction. It is never served
 * (the previous version keeps serving); unlike a `ServingError` it never stops start-up.
 */
export class VersionCheckError extends Error {
  override readonly name = 'VersionCheckError';
  readonly code = 'test-prediction-failed';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
