import { type CodeOf, codedErrorClass } from '@mlops/features';
import type { SkippedColumn } from './report/SkippedColumn';

/** What went wrong in a drift computation, in a form callers can branch on. */
export const driftErrorCodes = [
  'empty-sample',
  'bad-argument',
  'unknown-test',
  'test-not-applicable',
  'incompatible-profiles',
  'nothing-to-compare',
] as const;

/** One of {@link driftErrorCodes}: the contract between this package and the edges that map codes to statuses or exit codes. */
export type DriftErrorCode = CodeOf<typeof DriftError>;

/**
 * The one error type of `@mlops/drift`. `message` is a single line naming the
 * column, argument or test and how to fix it. `nothing-to-compare` (no column
 * could be tested, so there is no verdict to give) carries in `skipped` every
 * column left out and why.
 */
export class DriftError extends codedErrorClass('DriftError', driftErrorCodes) {
  /** The columns not tested, with the reason (`nothing-to-compare`); empty otherwise. */
  readonly skipped: readonly SkippedColumn[];

  constructor(
    code: DriftErrorCode,
    message: string,
    options?: { cause?: unknown; skipped?: readonly SkippedColumn[] },
  ) {
    super(code, message, options);
    this.skipped = options?.skipped ?? [];
  }
}
