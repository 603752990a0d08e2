/** Options of {@link ShadowQueue}. */
export interface ShadowQueueOptions {
  /** Most jobs waiting; one more is dropped and counted. @default 1000 */
  limit?: number;
  /** Told about a job that threw (it is counted in `stats.failed`). */
  onError?: (error: unknown) => void;
  /**
   * Longest a turn keeps running jobs before it yields to the event loop (requests
   * waiting to be read); at least one job runs per turn. @default 1
   */
  sliceMs?: number;
}

/**
 * The shadow's work, kept off the response path: a prediction route enqueues the
 * challenger's scoring and answers; the queue runs its jobs in turns of the event loop
 * (`setImmediate`, after the response was written), each turn for at most `sliceMs` (one
 * job at least), so a shadow adds no latency to an answer beyond waiting out a slice. Bounded: when `limit` jobs wait, a new one is dropped and counted,
 * never queued without end.
 */
export class ShadowQueue {
  private readonly jobs: Array<() => void> = [];
  private readonly limit: number;
  private readonly sliceMs: number;
  private scheduled = false;
  private waiters: Array<() => void> = [];
  /** Jobs run, dropped because the queue was full, and failed. */
  readonly stats = { scored: 0, dropped: 0, failed: 0 };

  constructor(private readonly options: ShadowQueueOptions = {}) {
    this.limit = options.limit ?? 1000;
    this.sliceMs = options.sliceMs ?? 1;
  }

  /** Jobs waiting now. */
  get depth(): number {
    return this.jobs.length;
  }

  /** Queues `job`; `false` (and counted in `stats.dropped`) when the queue is full. */
  enqueue(job: () => void): boolean {
    if (this.jobs.length >= this.limit) {
      this.stats.dropped += 1;
      return false;
    }
    this.jobs.push(job);
    this.schedule();
    return true;
  }

  /** Resolves once every job queued so far has run (tests, shutdown). */
  idle(): Promise<void> {
    if (this.jobs.length === 0 && !this.scheduled) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.runSlice());
  }

  private runSlice(): void {
    this.scheduled = false;
    const started = performance.now();
    do {
      const job = this.jobs.shift();
      if (!job) break;
      try {
        job();
        this.stats.scored += 1;
      } catch (error) {
        this.stats.failed += 1;
        this.options.onError?.(error);
      }
    } while (performance.now() - started < this.sliceMs);
    if (this.jobs.length > 0) this.schedule();
    else {
      const waiters = this.waiters;
      this.waiters = [];
      for (const resolve of waiters) resolve();
    }
  }
}
