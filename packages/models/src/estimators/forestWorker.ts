// Entry of a forest worker thread (see growForestChunks): grows the chunks it claims from
// the shared counter and posts each one back, then exits when none are left.
import { type MessagePort, workerData } from 'node:worker_threads';
import { ForestChunkGrower, type ForestJob, type GrownChunk } from './forestChunks';

interface WorkerData {
  job: ForestJob;
  port: MessagePort;
  /** [next chunk to claim, messages posted] */
  counters: Int32Array;
  chunks: number;
}

const { job, port, counters, chunks } = workerData as WorkerData;
const posted = (message: GrownChunk | { error: string }, transfer: ArrayBuffer[] = []): void => {
  port.postMessage(message, transfer);
  Atomics.add(counters, 1, 1);
  Atomics.notify(counters, 1);
};
try {
  const grower = new ForestChunkGrower(job);
  for (let chunk = Atomics.add(counters, 0, 1); chunk < chunks; chunk = Atomics.add(counters, 0, 1)) {
    const grown = grower.growChunk(chunk);
    const buffers = grown.trees.flatMap((t) =>
      [t.feature, t.threshold, t.left, t.right, t.value, t.cover, t.missingLeft].map(
        (a) => a.buffer as ArrayBuffer,
      ),
    );
    if (grown.oobSums) buffers.push(grown.oobSums.buffer as ArrayBuffer);
    if (grown.oobCounts) buffers.push(grown.oobCounts.buffer as ArrayBuffer);
    posted({ ...grown, trees: grown.trees.map((t) => ({ ...plainTree(t) })) }, [...new Set(buffers)]);
  }
} catch (error) {
  posted({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
port.close();

function plainTree(t: GrownChunk['trees'][number]): GrownChunk['trees'][number] {
  const { feature, threshold, left, right, value, channels, cover, missingLeft } = t;
  return { feature, threshold, left, right, value, channels, cover, missingLeft };
}
