import { createRng } from '@mlops/features';
import { randomSplitTree, treeOf } from './__tests__/splitTrees';
import { FlatTree } from './FlatTree';
import { RankedForestWalk } from './RankedForestWalk';
import { RANKED_WALK_NODES, TreeEnsemblePredictor, WIDE_WALK_NODES } from './TreeEnsemblePredictor';

const WIDTH = 7;

/** A random tree of `splits` splits over features 0…WIDTH-2 (the last column is never read). */
function randomTree(rng: ReturnType<typeof createRng>, splits: number, channels: number): FlatTree {
  // Thresholds on a coarse grid, so test values often equal one (ties go left).
  return randomSplitTree(rng, splits, { features: WIDTH - 1, threshold: () => rng.int(9) / 4 - 1, channels });
}

/** Rows on the thresholds' grid and between them; `nanShare` of the values NaN. */
function randomRows(rng: ReturnType<typeof createRng>, rows: number, nanShare: number): Float64Array {
  return Float64Array.from({ length: rows * WIDTH }, () =>
    rng.next() < nanShare ? Number.NaN : rng.int(2) ? rng.int(9) / 4 - 1 : rng.next() * 2.5 - 1.25,
  );
}

/** The reference: each tree's own walk, added tree by tree in order. */
function reference(
  trees: FlatTree[],
  channelOf: (t: number) => number,
  x: Float64Array,
  rows: number,
  out: Float64Array,
  stride: number,
  scale: number,
) {
  trees.forEach((tree, t) => {
    tree.addTo(x, rows, WIDTH, out, stride, channelOf(t), scale);
  });
}

test.each([
  ['one output, 21 trees (two groups of eight and five more)', 21, 1, () => 0, 8],
  ['one output, 37 trees, sixteen at a time (two groups of sixteen and five more)', 37, 1, () => 0, 16],
  ['one output, a single tree', 1, 1, () => 0, 8],
  ['one output, a single tree, on the sixteen-lane walk', 1, 1, () => 0, 16],
  ['one output, 123 trees over 4-byte nodes (two groups of fifty and 23 more)', 123, 1, () => 0, 50],
  ['one output, a single tree over 4-byte nodes', 1, 1, () => 0, 50],
  ['three outputs (boosting: one tree per class)', 12, 1, (t: number) => t % 3, 8],
  ['two channels per leaf (a multiclass forest)', 10, 2, () => 0, 8],
])(
  '%s: one row at a time adds exactly what each tree adds, in order',
  (_name, count, channels, channelOf, lanes) => {
    const rng = createRng(7);
    const trees = Array.from({ length: count }, () => randomTree(rng, 1 + rng.int(40), channels));
    const stride = Math.max(...trees.map((_, t) => channelOf(t))) + channels;
    // Sixteen lanes are for forests above WIDE_WALK_NODES, 4-byte nodes for those above
    // RANKED_WALK_NODES; a threshold of 0 takes them here.
    const predictor = new TreeEnsemblePredictor(trees, channels, channelOf, {
      wideWalkNodes: lanes === 16 ? 0 : undefined,
      rankedWalkNodes: lanes === 50 ? 0 : undefined,
    });
    if (lanes === 50) expect(predictor.singleRowLanes).toBe(50);
    // The ranked walk gives the bits of the others, so only its calls show that it ran.
    const rankedWalks = jest.spyOn(RankedForestWalk.prototype, 'walk');
    let rowsWithoutNaN = 0;
    const scale = 1 / count;
    for (const nanShare of [0, 0.2]) {
      const x = randomRows(rng, 200, nanShare);
      for (let row = 0; row < 200; row += 1) {
        const one = x.subarray(row * WIDTH, (row + 1) * WIDTH);
        if (!one.some(Number.isNaN)) rowsWithoutNaN += 1;
        const expected = Float64Array.from({ length: stride }, (_, i) => 0.25 * i - 0.1);
        const got = expected.slice();
        reference(trees, channelOf, one, 1, expected, stride, scale);
        predictor.addTo(one, 1, WIDTH, got, stride, scale);
        expect(Array.from(got)).toEqual(Array.from(expected));
      }
      // The batch path (four rows per tree) agrees with the same reference.
      const batch = new Float64Array(200 * stride);
      const expected = new Float64Array(200 * stride);
      reference(trees, channelOf, x, 200, expected, stride, scale);
      predictor.addTo(x, 200, WIDTH, batch, stride, scale);
      expect(Array.from(batch)).toEqual(Array.from(expected));
    }
    expect(rankedWalks).toHaveBeenCalledTimes(lanes === 50 ? rowsWithoutNaN : 0);
    rankedWalks.mockRestore();
  },
);

test('a forest the 4-byte nodes cannot hold as stored (a node no root reaches) walks its records', () => {
  const unreached = treeOf([0, -1, -1, -1], [0, 0, 0, 0], [1, -1, -1, -1], [2, -1, -1, -1], [0, 1, 2, 99]);
  const after = treeOf(
    [0, 0, -1, -1, -1],
    [10, 20, 0, 0, 0],
    [1, 3, -1, -1, -1],
    [2, 4, -1, -1, -1],
    [0, 0, 100, 200, 300],
  );
  const predictor = new TreeEnsemblePredictor([unreached, after], 1, () => 0, { rankedWalkNodes: 0 });
  expect(predictor.singleRowLanes).toBe(8);
  const out = new Float64Array(1);
  predictor.addTo(Float64Array.of(5), 1, 1, out, 1, 1);
  expect(out[0]).toBe(202);
});

test('a tree that is a single leaf predicts its value on the one-row walk', () => {
  const leaf = new FlatTree(
    Int32Array.of(-1),
    Float64Array.of(0),
    Int32Array.of(-1),
    Int32Array.of(-1),
    Float64Array.of(0.75),
    1,
  );
  const predictor = new TreeEnsemblePredictor([leaf, leaf], 1, () => 0);
  const out = Float64Array.of(1);
  predictor.addTo(new Float64Array(WIDTH), 1, WIDTH, out, 1, 0.5);
  expect(out[0]).toBe(1.75);
});

test('a batch of wide rows, walked a chunk of rows at a time, adds what each tree adds, in order', () => {
  // A split on feature 2,999 makes each row 24 kB, so the 1 MB the batch walk stages holds
  // 43 rows: 203 rows are five chunks, the last of 31 (not a multiple of eight).
  const width = 3_000;
  const rng = createRng(11);
  const wide = (splits: number) => {
    const tree = randomTree(rng, splits, 1);
    const feature = Int32Array.from(tree.feature, (f, node) =>
      f < 0 ? f : node === 0 ? width - 1 : f * 400,
    );
    return new FlatTree(feature, tree.threshold, tree.left, tree.right, tree.value, 1);
  };
  const leaf = new FlatTree(
    Int32Array.of(-1),
    Float64Array.of(0),
    Int32Array.of(-1),
    Int32Array.of(-1),
    Float64Array.of(0.3),
    1,
  );
  const trees = [wide(30), leaf, wide(5), wide(60), wide(1)];
  const predictor = new TreeEnsemblePredictor(trees, 1, () => 0);
  const rows = 203;
  const x = Float64Array.from({ length: rows * width }, () =>
    rng.int(2) ? rng.int(9) / 4 - 1 : rng.next() * 2.5 - 1.25,
  );
  const stride = 2;
  const start = Float64Array.from({ length: rows * stride }, (_, i) => i * 0.01);
  const expected = start.slice();
  for (const tree of trees) tree.addTo(x, rows, width, expected, stride, 0, 0.2);
  const got = start.slice();
  predictor.addTo(x, rows, width, got, stride, 0.2);
  expect(Array.from(got)).toEqual(Array.from(expected));
  // The single-row walk gives each row the same bits.
  for (let row = 0; row < rows; row += 17) {
    const one = Float64Array.of(start[row * stride], start[row * stride + 1]);
    predictor.addTo(x.subarray(row * width, (row + 1) * width), 1, width, one, stride, 0.2);
    expect(one[0]).toBe(got[row * stride]);
  }
});

test('a forest of more than WIDE_WALK_NODES nodes walks a row sixteen trees at a time, a smaller one eight', () => {
  // Complete trees of depth 15 (65,535 nodes each), splits on feature 0 at the node's index.
  const complete = (depth: number) => {
    const nodes = 2 ** (depth + 1) - 1;
    const inner = 2 ** depth - 1;
    const feature = Int32Array.from({ length: nodes }, (_, n) => (n < inner ? 0 : -1));
    const threshold = Float64Array.from({ length: nodes }, (_, n) => n);
    const left = Int32Array.from({ length: nodes }, (_, n) => (n < inner ? 2 * n + 1 : -1));
    const right = Int32Array.from({ length: nodes }, (_, n) => (n < inner ? 2 * n + 2 : -1));
    const value = Float64Array.from({ length: nodes }, (_, n) => (n < inner ? 0 : n));
    return new FlatTree(feature, threshold, left, right, value, 1);
  };
  const tree = complete(15);
  const trees = Array.from({ length: Math.floor(WIDE_WALK_NODES / tree.nodeCount) + 1 }, () => tree);
  expect(new TreeEnsemblePredictor(trees, 1, () => 0).singleRowLanes).toBe(16);
  expect(new TreeEnsemblePredictor(trees.slice(0, 2), 1, () => 0).singleRowLanes).toBe(8);
  expect(new TreeEnsemblePredictor(trees.slice(0, 2), 2, () => 0).singleRowLanes).toBe(0);
});

test('a forest of more than RANKED_WALK_NODES nodes walks a row over 4-byte nodes, fifty trees at a time, unless a feature has more than 256 thresholds', () => {
  // Complete trees of depth 15 splitting on six features; `distinct` thresholds per feature.
  const complete = (distinct: number) => {
    const nodes = 2 ** 16 - 1;
    const inner = 2 ** 15 - 1;
    const feature = Int32Array.from({ length: nodes }, (_, n) => (n < inner ? n % (WIDTH - 1) : -1));
    const threshold = Float64Array.from({ length: nodes }, (_, n) => (n < inner ? n % distinct : 0));
    const left = Int32Array.from({ length: nodes }, (_, n) => (n < inner ? 2 * n + 1 : -1));
    const right = Int32Array.from({ length: nodes }, (_, n) => (n < inner ? 2 * n + 2 : -1));
    const value = Float64Array.from({ length: nodes }, (_, n) => (n < inner ? 0 : n / nodes));
    return new FlatTree(feature, threshold, left, right, value, 1);
  };
  const count = Math.floor(RANKED_WALK_NODES / 65_535) + 1;
  const ranked = new TreeEnsemblePredictor(Array(count).fill(complete(250)), 1, () => 0);
  expect(ranked.singleRowLanes).toBe(50);
  expect(new TreeEnsemblePredictor(Array(count - 1).fill(complete(250)), 1, () => 0).singleRowLanes).toBe(16);
  // 300 thresholds of one feature (n mod 300 over the splits of feature n mod 6) do not fit a byte.
  expect(new TreeEnsemblePredictor(Array(count).fill(complete(1_800)), 1, () => 0).singleRowLanes).toBe(16);
  // Rows on the thresholds and between them: one at a time the same bits as the batch walk.
  const rng = createRng(5);
  const rows = 64;
  const x = Float64Array.from({ length: rows * WIDTH }, () => rng.int(260) + (rng.int(2) ? 0 : 0.5));
  const batch = new Float64Array(rows);
  ranked.addTo(x, rows, WIDTH, batch, 1, 1 / count);
  for (let row = 0; row < rows; row += 1) {
    const one = new Float64Array(1);
    ranked.addTo(x.subarray(row * WIDTH, (row + 1) * WIDTH), 1, WIDTH, one, 1, 1 / count);
    expect(one[0]).toBe(batch[row]);
  }
});
