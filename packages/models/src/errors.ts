import { type CodeOf, codedErrorClass } from '@mlops/features';
/** What went wrong while training, loading or applying a model. */
export const modelsErrorCodes = [
  'bad-argument',
  'bad-params',
  'unknown-model',
  'bad-model-file',
  'model-format-version',
  'bad-input',
  'not-converged',
  'fit-failed',
] as const;

/** One of {@link modelsErrorCodes}: the contract between this package and the edges that map codes to statuses or exit codes. */
export type ModelsErrorCode = CodeOf<typeof ModelsError>;

/** The one error type of `@mlops/models`; `message` is one line that names the fix. */
export class ModelsError extends codedErrorClass('ModelsError', modelsErrorCodes) {}
