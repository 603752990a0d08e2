/** A user-facing failure of a command: one line on stderr and a non-zero exit code. */
export class CliError extends Error {
  override readonly name = 'CliError';

  constructor(
    message: string,
    /** @default 1 */
    readonly exitCode = 1,
    /** A result to print with --json even though the command failed (e.g. a quality report). */
    readonly result?: object,
    /** What stderr's line starts with. @default 'error' */
    readonly label = 'error',
  ) {
    super(message);
  }
}
