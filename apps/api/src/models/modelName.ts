import { isModelName } from '@mlops/registry';
import { ApiError } from '../http/ApiError';

/**
 * Refuses a `{name}` path parameter that cannot be a model name, before anything
 * (the registry, the file system) sees it: a 400 `invalid_model_name`. The name is
 * shown JSON-escaped and cut at 64 characters, so control characters (CR, LF, NUL)
 * and long names never reach a message or a log line as they are.
 */
export function checkModelName(name: string): void {
  // The registry's rule (`isModelName`): what `MLOPS_MODEL` and every `{name}` in a path must follow.
  if (isModelName(name)) return;
  throw new ApiError(
    400,
    'invalid_model_name',
    `the model name ${shownName(name)} is not valid: use 1-64 lowercase letters, digits, '-' or '_', starting with a letter or digit`,
    [
      {
        field: 'name',
        message: "must be 1-64 lowercase letters, digits, '-' or '_', starting with a letter or digit",
      },
    ],
  );
}

/** A name as messages may show it: JSON-escaped, at most 64 characters. */
export function shownName(name: string): string {
  return `${JSON.stringify(name.slice(0, 64))}${name.length > 64 ? '…' : ''}`;
}
