/** What went wrong while training, loading or applying a model. */
export type ModelsErrorCode =
  | 'bad-argument'
  | 'bad-params'
  | 'unknown-model'
  | 'bad-model-file'
  | 'model-format-version'
  | 'bad-input'
  | 'not-converged';

/** The one error type of `@mlops/models`; `message` is one line that names the fix. */
export class ModelsError extends Error {
  override readonly name = 'ModelsError';

  constructor(
    readonly code: ModelsErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
