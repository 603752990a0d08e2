import { CodedError } from '@mlops/features';
/** Why a model version cannot be served as configured. */
export type ServingErrorCode = 'needs-hash-salt';

/**
 * A model version this server refuses to serve: at start-up the server does not
 * start, on a hot swap the previous version keeps serving. `message` is one line
 * naming the model, the field and the fix.
 */
export class ServingError extends CodedError<ServingErrorCode> {
  override readonly name = 'ServingError';
}
