import { StepFailure } from './StepFailure';

/** One finished step: its name, how long it took, and a note (a size, a version). */
export interface StepRecord {
  name: string;
  seconds: number;
  note?: string;
}

/**
 * Runs the check's steps in order, timing each and printing one line per step; the first
 * failure is rethrown as a {@link StepFailure} naming the step.
 */
export class StepRunner {
  readonly records: StepRecord[] = [];

  constructor(private readonly write: (line: string) => void) {}

  async step<T>(name: string, action: () => Promise<T>, note?: (value: T) => string | undefined): Promise<T> {
    const started = performance.now();
    this.write(`image-check: ${name} …`);
    try {
      const value = await action();
      const record: StepRecord = { name, seconds: (performance.now() - started) / 1000, note: note?.(value) };
      this.records.push(record);
      this.write(
        `image-check: ok   ${name} (${record.seconds.toFixed(1)} s)${record.note ? `: ${record.note}` : ''}`,
      );
      return value;
    } catch (error) {
      const seconds = (performance.now() - started) / 1000;
      this.write(`image-check: FAIL ${name} (${seconds.toFixed(1)} s)`);
      throw error instanceof StepFailure
        ? error
        : new StepFailure(name, (error as Error).message, { cause: error });
    }
  }
}
