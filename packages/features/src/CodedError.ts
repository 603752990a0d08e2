/**
 * The base of every domain error of the platform: a one-line `message` naming
 * what is wrong and the fix, and a `code` from the package's closed list that
 * the edges (HTTP handler, CLI main) map to a status or an exit code. Each
 * package subclasses it once with its own code union and `name`.
 */
export class CodedError<Code extends string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
