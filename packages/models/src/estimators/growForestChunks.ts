import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { ModelsError } from '../errors';
import { chunkCount, ForestChunkGrower, type ForestJob, type GrownChunk, toFlatTree } from './forestChunks';

/** How long the fit waits for a worker's next chunk before it gives up. */
const WORKER_SILENCE_MS = 15 * 60_000;

/** Below this many row × tree visits a second thread costs more to start than it saves. */
const PARALLEL_WORK = 2_000_000;

/**
 * The threads a forest fit uses: `nJobs` when given (≥ 1), else every core when the data
 * is large enough to pay for starting workers, else one. Never more than the chunks.
 */
export function forestThreads(nJobs: number, rows: number, trees: number): number {
  const wanted = nJobs >= 1 ? nJobs : rows * trees >= PARALLEL_WORK ? availableParallelism() : 1;
  return Math.max(1, Math.min(wanted, chunkCount(trees)));
}

/**
 * Grows every chunk of `job` on `threads` threads (this one and `threads − 1` workers that
 * claim chunks from a shared counter) and hands them to `onChunk` in chunk order, so what
 * the caller builds does not depend on the thread count. Synchronous: this thread grows
 * chunks too and then blocks until the workers' last chunks arrive.
 */
export function growForestChunks(
  job: ForestJob,
  threads: number,
  onChunk: (chunk: GrownChunk) => void,
  /** Leave every chunk to the workers (tests: proves they ran). */
  { workersOnly = false } = {},
): void {
  const chunks = chunkCount(job.trees);
  const helpers = Math.min(threads, chunks) - 1;
  const own = new ForestChunkGrower(helpers > 0 ? shareJob(job) : job);
  if (helpers <= 0) {
    try {
      for (let chunk = 0; chunk < chunks; chunk += 1) onChunk(own.growChunk(chunk));
    } finally {
      own.dispose();
    }
    return;
  }
  // [0] the next chunk to claim, [1] results posted so far (what this thread waits on).
  const counters = new Int32Array(new SharedArrayBuffer(8));
  const ports: MessagePort[] = [];
  const shared = own.job;
  for (let i = 0; i < helpers; i += 1) {
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(workerScript(), {
      workerData: { job: shared, port: port2, counters, chunks },
      transferList: [port2],
    });
    worker.unref();
    ports.push(port1);
  }
  const results: (GrownChunk | undefined)[] = new Array(chunks);
  let next = 0;
  const drain = (): void => {
    for (const port of ports) {
      for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
        const message = m.message as GrownChunk | { error: string };
        if ('error' in message)
          throw new ModelsError('fit-failed', `random_forest worker thread failed: ${message.error}`);
        results[message.chunk] = { ...message, trees: message.trees.map(toFlatTree) };
      }
    }
    for (; next < chunks && results[next]; next += 1) {
      onChunk(results[next]!);
      results[next] = undefined;
    }
  };
  try {
    if (!workersOnly)
      for (let chunk = Atomics.add(counters, 0, 1); chunk < chunks; chunk = Atomics.add(counters, 0, 1)) {
        results[chunk] = own.growChunk(chunk);
        drain();
      }
    let quietSince = Date.now();
    while (next < chunks) {
      const posted = Atomics.load(counters, 1);
      drain();
      if (next >= chunks) break;
      // Wakes when a worker posts (the count moves past `posted`). A worker that died
      // without posting (its own errors are posted) would leave this thread waiting.
      if (Atomics.wait(counters, 1, posted, 1000) !== 'timed-out') quietSince = Date.now();
      else if (Date.now() - quietSince > WORKER_SILENCE_MS)
        throw new ModelsError(
          'fit-failed',
          `random_forest: a worker thread sent nothing for ${WORKER_SILENCE_MS / 60_000} minutes; fit again with n_jobs: 1`,
        );
    }
  } finally {
    // After a failure, workers claim nothing more and exit once their current chunk is done.
    Atomics.store(counters, 0, chunks);
    for (const port of ports) port.close();
    own.dispose();
  }
}

/** The job with its large arrays in shared memory, so workers read them without a copy each. */
function shareJob(job: ForestJob): ForestJob {
  const share = <T extends Uint8Array | Float64Array>(a: T): T => {
    const copy = new (a.constructor as new (b: SharedArrayBuffer) => T)(new SharedArrayBuffer(a.byteLength));
    copy.set(a as never);
    return copy;
  };
  return { ...job, binned: share(job.binned), x: share(job.x), target: share(job.target) };
}

/**
 * The worker's compiled script. Run from the sources (the package's tests) there is no
 * `.js` beside this file; the package's `dist`, which the test task builds first, has it.
 */
function workerScript(): string {
  const candidates = [
    join(__dirname, 'forestWorker.js'),
    join(__dirname, '..', '..', 'dist', 'estimators', 'forestWorker.js'),
  ];
  const found = candidates.find((file) => existsSync(file));
  if (!found)
    throw new ModelsError(
      'fit-failed',
      `random_forest: the worker script is missing (${candidates[0]}); build @mlops/models, or fit with n_jobs: 1`,
    );
  return found;
}
