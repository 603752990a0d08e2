import { createRng } from '@mlops/features';
import { FlatTree } from './FlatTree';
import { RankedForestWalk } from './RankedForestWalk';

/** A tree from parallel arrays; leaves' values from `value`, splits' ignored. */
function tree(feature: number[], threshold: number[], left: number[], right: number[], value: number[]) {
  return new FlatTree(
    Int32Array.from(feature),
    Float64Array.from(threshold),
    Int32Array.from(left),
    Int32Array.from(right),
    Float64Array.from(value),
    1,
  );
}

/** One split on `feature` at `threshold`: left leaf -1, right leaf +1. */
const stump = (feature: number, threshold: number) =>
  tree([feature, -1, -1], [threshold, 0, 0], [1, -1, -1], [2, -1, -1], [0, -1, 1]);

/** A random tree of `splits` splits over `width` features, thresholds `k / 16` for k below `distinct`. */
function randomTree(rng: ReturnType<typeof createRng>, splits: number, width: number, distinct: number) {
  const feature = [-1];
  const threshold = [0];
  const left = [-1];
  const right = [-1];
  const value = [0];
  const leaves = [0];
  for (let s = 0; s < splits; s += 1) {
    const node = leaves.splice(rng.int(leaves.length), 1)[0];
    feature[node] = rng.int(width);
    threshold[node] = rng.int(distinct) / 16 - 4;
    left[node] = feature.length;
    right[node] = feature.length + 1;
    for (let c = 0; c < 2; c += 1) {
      leaves.push(feature.length);
      feature.push(-1);
      threshold.push(0);
      left.push(-1);
      right.push(-1);
      value.push(rng.next() - 0.5);
    }
  }
  return tree(feature, threshold, left, right, value);
}

test('every row gets the bits of the trees added one by one, on thresholds, between them and beyond them', () => {
  const rng = createRng(3);
  const width = 5;
  // 256 distinct thresholds per feature: the most a rank byte holds.
  const trees = Array.from({ length: 77 }, () => randomTree(rng, 1 + rng.int(300), width, 256));
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

test('a forest whose splits do not fit a 4-byte node is not built', () => {
  // Feature 254 is the last a word holds (255 marks a leaf).
  expect(RankedForestWalk.build([stump(254, 0)])).not.toBeNull();
  expect(RankedForestWalk.build([stump(255, 0)])).toBeNull();
  // 257 distinct thresholds of one feature: a rank is one byte.
  const many = (n: number) => Array.from({ length: n }, (_, k) => stump(1, k));
  expect(RankedForestWalk.build(many(256))).not.toBeNull();
  expect(RankedForestWalk.build(many(257))).toBeNull();
  expect(RankedForestWalk.build([stump(0, Number.NaN)])).toBeNull();
  // A root whose left subtree has 65,537 nodes puts its right child's children 65,537 words on.
  const chain = 32_768;
  const feature: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  // Node 0 is the root, 1 its right child (a split on two leaves), 2… a left chain of splits
  // whose right children are leaves.
  feature.push(0, 0);
  left.push(2, 2 * chain + 3);
  right.push(1, 2 * chain + 4);
  for (let s = 0; s < chain; s += 1) {
    const node = 2 + 2 * s;
    feature[node] = 0;
    left[node] = node + 2;
    right[node] = node + 1;
    feature[node + 1] = -1;
    left[node + 1] = -1;
    right[node + 1] = -1;
  }
  // The chain's last split's left child (a leaf) and the right subtree's two leaves.
  feature[2 * chain + 2] = -1;
  left[2 * chain + 2] = -1;
  right[2 * chain + 2] = -1;
  for (const node of [2 * chain + 3, 2 * chain + 4]) {
    feature[node] = -1;
    left[node] = -1;
    right[node] = -1;
  }
  const zeros = feature.map(() => 0);
  expect(RankedForestWalk.build([tree(feature, zeros, left, right, zeros)])).toBeNull();
});
