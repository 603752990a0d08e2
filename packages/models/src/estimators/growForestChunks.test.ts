import { friedmanProblem } from '../__tests__/syntheticData';
import { FeatureBinner } from '../trees/FeatureBinner';
import { ForestChunkGrower, type ForestJob, TREES_PER_CHUNK } from './forestChunks';
import { forestThreads, growForestChunks } from './growForestChunks';
import { RandomForest } from './RandomForest';

describe('random_forest on worker threads', () => {
  test.each(['binary', 'multiclass', 'regression'] as const)(
    'one thread and three grow the identical %s forest and out-of-bag scores',
    (kind) => {
      // 20 trees: chunks of 8, 8 and 4, so a worker's chunk and the short last one are both used.
      const { train } = friedmanProblem(kind, 1500, 11);
      const params = { n_estimators: 20, max_features: 0.5 };
      const one = RandomForest.fitWithHeldOut(train, { ...params, n_jobs: 1 }, 4);
      const three = RandomForest.fitWithHeldOut(train, { ...params, n_jobs: 3 }, 4);
      expect(JSON.stringify(three.estimator.toJSON())).toBe(JSON.stringify(one.estimator.toJSON()));
      expect(Array.from(three.heldOut.rows)).toEqual(Array.from(one.heldOut.rows));
      expect(Array.from(three.heldOut.scores)).toEqual(Array.from(one.heldOut.scores));
      expect(one.heldOut.rows.length).toBeGreaterThan(train.rows * 0.9);
    },
  );

  test('worker threads grow chunks and hand them back in order', () => {
    const job = smallJob();
    const seen: { chunk: number; thread: number }[] = [];
    growForestChunks(job, 3, ({ chunk, thread }) => seen.push({ chunk, thread }), { workersOnly: true });
    expect(seen.map((s) => s.chunk)).toEqual([0, 1, 2]);
    expect(seen.every((s) => s.thread !== 0)).toBe(true);
    const alone: number[][] = [];
    growForestChunks(job, 1, (c) => alone.push(...c.trees.map((t) => Array.from(t.threshold))));
    const threaded: number[][] = [];
    growForestChunks(job, 3, (c) => threaded.push(...c.trees.map((t) => Array.from(t.threshold))), {
      workersOnly: true,
    });
    expect(threaded).toEqual(alone);
  });

  test('a tree depends on its own seed only, not on the trees its thread grew before', () => {
    const job = smallJob();
    const shapes = (chunk: ReturnType<ForestChunkGrower['growChunk']>) =>
      chunk.trees.map((t) => Array.from(t.threshold));
    const fresh = shapes(new ForestChunkGrower(job).growChunk(2));
    const used = new ForestChunkGrower(job);
    used.growChunk(0);
    used.growChunk(1);
    expect(shapes(used.growChunk(2))).toEqual(fresh);
  });

  test('threads: n_jobs when set, one for small data, never more than the chunks of trees', () => {
    expect(forestThreads(1, 1_000_000, 100)).toBe(1);
    expect(forestThreads(4, 10, 100)).toBe(4);
    expect(forestThreads(0, 1000, 100)).toBe(1);
    expect(forestThreads(16, 10, 20)).toBe(3);
  });
});

/** Three chunks of fully grown trees on 800 rows, two of six features drawn per split. */
function smallJob(): ForestJob {
  const { train } = friedmanProblem('binary', 800, 3);
  const binner = FeatureBinner.fit(train.x, train.rows, train.width, { maxBins: 255 });
  return {
    binned: binner.transform(train.x, train.rows, train.width),
    x: new Float64Array(0),
    rows: train.rows,
    width: train.width,
    edges: binner.edges,
    channels: 1,
    target: train.y.map((y) => y - 0.5),
    grow: {
      maxLeafNodes: Infinity,
      maxDepth: Infinity,
      minSamplesLeaf: 1,
      minSamplesSplit: 2,
      minHessianLeaf: 0,
      l2: 0,
      shrinkage: 1,
      maxFeatures: 2,
    },
    bootstrap: true,
    seed: 9,
    trees: 3 * TREES_PER_CHUNK,
    outOfBag: false,
  };
}
