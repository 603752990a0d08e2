import { createRng } from '@mlops/features';
import { randomSplitTree, treeOf as tree } from './__tests__/splitTrees';
import { FlatTree } from './FlatTree';
import { RankedForestWalk } from './RankedForestWalk';

/** One split on `feature` at `threshold`: left leaf -1, right leaf +1. */
const stump = (feature: number, threshold: number) =>
  tree([feature, -1, -1], [threshold, 0, 0], [1, -1, -1], [2, -1, -1], [0, -1, 1]);

test('every row gets the bits of the trees added one by one, on thresholds, between them and beyond them', () => {
  const rng = createRng(3);
  const width = 5;
  // 256 distinct thresholds per feature: the most a rank byte holds.
  const trees = Array.from({ length: 77 }, () =>
    randomSplitTree(rng, 1 + rng.int(300), { features: width, threshold: () => rng.int(256) / 16 - 4 }),
  );
  const walk = RankedForestWalk.build(trees);
  expect(walk).not.toBeNull();
  const specials = [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0, -4, -4 + 255 / 16, 100, -100];
  const rows = 400;
  const x = Float64Array.from({ length: rows * width }, () =>
    rng.int(4) === 0
      ? specials[rng.int(specials.length)]
      : rng.int(2)
        ? rng.int(260) / 16 - 4.1
        : rng.int(256) / 16 - 4,
  );
  for (let row = 0; row < rows; row += 1) {
    const start = rng.next() - 0.5;
    const expected = Float64Array.of(start);
    for (const t of trees) t.addTo(x.subarray(row * width, (row + 1) * width), 1, width, expected, 1, 0, 0.1);
    expect(walk!.walk(x, row * width, 0.1, start)).toBe(expected[0]);
  }
});

test('a threshold of -0 and one of 0 are one threshold, and the value 0 goes left of both', () => {
  const walk = RankedForestWalk.build([stump(0, -0), stump(0, 0), stump(0, 1)])!;
  expect(walk.walk(Float64Array.of(0), 0, 1, 0)).toBe(-3);
  expect(walk.walk(Float64Array.of(-0), 0, 1, 0)).toBe(-3);
  expect(walk.walk(Float64Array.of(0.5), 0, 1, 0)).toBe(1);
  expect(walk.walk(Float64Array.of(1), 0, 1, 0)).toBe(1);
  expect(walk.walk(Float64Array.of(1.5), 0, 1, 0)).toBe(3);
});

test('thresholds of -Infinity and +Infinity rank below and above every finite value', () => {
  const walk = RankedForestWalk.build([
    stump(0, Number.NEGATIVE_INFINITY),
    stump(0, Number.POSITIVE_INFINITY),
  ])!;
  expect(walk.walk(Float64Array.of(Number.NEGATIVE_INFINITY), 0, 1, 0)).toBe(-2);
  expect(walk.walk(Float64Array.of(-1e308), 0, 1, 0)).toBe(0);
  expect(walk.walk(Float64Array.of(1e308), 0, 1, 0)).toBe(0);
  expect(walk.walk(Float64Array.of(Number.POSITIVE_INFINITY), 0, 1, 0)).toBe(0);
});

/**
 * A root whose left subtree is a chain of `chain` splits (right children leaves) and whose
 * right child splits into two leaves: that split's children land `2 × chain + 1` words on.
 */
function chainTree(chain: number): FlatTree {
  const feature: number[] = [0, 0];
  const left: number[] = [2, 2 * chain + 3];
  const right: number[] = [1, 2 * chain + 4];
  for (let s = 0; s < chain; s += 1) {
    const node = 2 + 2 * s;
    feature[node] = 0;
    left[node] = node + 2;
    right[node] = node + 1;
    feature[node + 1] = -1;
    left[node + 1] = -1;
    right[node + 1] = -1;
  }
  // The chain's last split's left child (a leaf) and the right split's two leaves.
  for (const node of [2 * chain + 2, 2 * chain + 3, 2 * chain + 4]) {
    feature[node] = -1;
    left[node] = -1;
    right[node] = -1;
  }
  // Splits at 0 (root), 1 (the right split) and -(s mod 200) / 2 for the chain's s-th (201
  // distinct thresholds in all); leaves valued by index.
  const threshold = feature.map((f, node) => (f < 0 ? 0 : node <= 1 ? node : -(((node - 2) / 2) % 200) / 2));
  const value = feature.map((f, node) => (f < 0 ? node : 0));
  return tree(feature, threshold, left, right, value);
}

test("a split's children may sit up to 65,535 words after it, not further", () => {
  const farthest = chainTree(32_767);
  const walk = RankedForestWalk.build([farthest]);
  expect(walk).not.toBeNull();
  for (const v of [-40_000, -5.5, -0.5, 0.5, 2]) {
    const expected = Float64Array.of(0);
    farthest.addTo(Float64Array.of(v), 1, 1, expected, 1, 0, 1);
    expect(walk!.walk(Float64Array.of(v), 0, 1, 0)).toBe(expected[0]);
  }
  expect(RankedForestWalk.build([chainTree(32_768)])).toBeNull();
});

test('a forest of more than 16,777,216 leaves is not built (a leaf word holds a 24-bit index)', () => {
  // Complete trees of depth 15: 32,768 leaves each, the same object 513 times (rejected before any layout).
  const nodes = 2 ** 16 - 1;
  const inner = 2 ** 15 - 1;
  const complete = new FlatTree(
    Int32Array.from({ length: nodes }, (_, n) => (n < inner ? 0 : -1)),
    new Float64Array(nodes),
    Int32Array.from({ length: nodes }, (_, n) => (n < inner ? 2 * n + 1 : -1)),
    Int32Array.from({ length: nodes }, (_, n) => (n < inner ? 2 * n + 2 : -1)),
    new Float64Array(nodes),
    1,
  );
  expect(RankedForestWalk.build(Array(513).fill(complete))).toBeNull();
});

test('trees that are not trees as stored, and an empty forest, are not built', () => {
  // Node 3 is reached from nowhere.
  const unreached = tree([0, -1, -1, -1], [0, 0, 0, 0], [1, -1, -1, -1], [2, -1, -1, -1], [0, 1, 2, 99]);
  // Node 3 has two parents (1 and 2).
  const shared = tree(
    [0, 0, 0, -1, -1],
    [0, 1, 2, 0, 0],
    [1, 3, 3, -1, -1],
    [2, 4, 4, -1, -1],
    [0, 0, 0, 1, 2],
  );
  // A split whose children are one node, and one whose right child is out of the tree.
  const twice = tree([0, -1], [0, 0], [1, -1], [1, -1], [0, 1]);
  const outside = tree([0, -1, -1], [0, 0, 0], [1, -1, -1], [7, -1, -1], [0, 1, 2]);
  for (const bad of [unreached, shared, twice, outside]) {
    expect(RankedForestWalk.build([bad])).toBeNull();
    expect(RankedForestWalk.build([stump(0, 0), bad, stump(0, 1)])).toBeNull();
  }
  expect(RankedForestWalk.build([])).toBeNull();
});

test('a forest whose splits do not fit a 4-byte node is not built', () => {
  // Feature 254 is the last a word holds (255 marks a leaf).
  expect(RankedForestWalk.build([stump(254, 0)])).not.toBeNull();
  expect(RankedForestWalk.build([stump(255, 0)])).toBeNull();
  // 257 distinct thresholds of one feature: a rank is one byte.
  const many = (n: number) => Array.from({ length: n }, (_, k) => stump(1, k));
  expect(RankedForestWalk.build(many(256))).not.toBeNull();
  expect(RankedForestWalk.build(many(257))).toBeNull();
  expect(RankedForestWalk.build([stump(0, Number.NaN)])).toBeNull();
});
