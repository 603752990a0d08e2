/** A step of the image check that failed: the step's name and what went wrong, for one line on stderr. */
export class StepFailure extends Error {
  constructor(
    readonly step: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StepFailure';
  }
}
