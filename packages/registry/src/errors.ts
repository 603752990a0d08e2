import { type CodeOf, codedErrorClass } from '@mlops/features';
/** What went wrong in the registry, in a form callers can map to exit codes and HTTP statuses. */
export const registryErrorCodes = [
  'bad-name',
  /** A path argument would leave the store's folder (or holds NUL, a separator, `..`). */
  'bad-path',
  'unknown-model',
  'unknown-version',
  'unknown-alias',
  'corrupt-version',
  'gate-failed',
  'bad-gate',
  'lock-timeout',
  'storage',
  'bad-query',
  'unknown-run',
  'archived',
] as const;

/** One of {@link registryErrorCodes}: the contract between this package and the edges that map codes to statuses or exit codes. */
export type RegistryErrorCode = CodeOf<typeof RegistryError>;

/** The one error type of `@mlops/registry`; `message` is one line that names the fix. */
export class RegistryError extends codedErrorClass('RegistryError', registryErrorCodes) {}
