import { FlatTree } from '../trees/FlatTree';

/** A node of ml-cart's JSON: a split (`splitColumn`, `splitValue`, children) or a leaf (`distribution`). */
interface CartNode {
  splitColumn?: number;
  splitValue?: number;
  /** Rows that reached a split node during training (ml-cart sets it where it searched a split). */
  numberSamples?: number;
  left?: CartNode;
  right?: CartNode;
  /** Regression: the leaf's mean; classification: `[[p0, p1, …]]`, up to the largest class the leaf saw. */
  distribution?: number | number[][];
}

/** The largest double below `v`: ml-cart goes left when `x < v`, a FlatTree when `x <= threshold`. */
export function largestBelow(v: number): number {
  if (!Number.isFinite(v)) return v;
  if (v === 0) return -Number.MIN_VALUE;
  const bits = new Float64Array([v]);
  const ints = new BigInt64Array(bits.buffer);
  ints[0] += v > 0 ? -1n : 1n;
  return bits[0];
}

/**
 * ml-cart's tree (`CartDecisionTree.toJSON().tree`) as a {@link FlatTree} with `outputs`
 * channels: the value (regression), P(class 1) (binary, as `predict` reports it) or one
 * probability per class. ml-cart sends NaN right (`NaN < v` is false), as a FlatTree does
 * by default. Covers are ml-cart's row counts where it kept them (split nodes), a leaf's
 * its parent's minus its sibling's; NaN where neither tells (`coversComplete` is then false).
 */
export function cartToFlatTree(
  root: CartNode,
  outputs: number,
  classes: number,
): { tree: FlatTree; coversComplete: boolean } {
  const feature: number[] = [];
  const threshold: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const value: number[] = [];
  const cover: number[] = [];
  // Preorder with an explicit stack (a fully grown tree may be deep): [node, parent, isRight].
  const pending: Array<[CartNode, number, boolean]> = [[root, -1, false]];
  while (pending.length > 0) {
    const [node, parent, isRight] = pending.pop()!;
    const at = feature.length;
    if (parent >= 0) (isRight ? right : left)[parent] = at;
    const isLeaf = node.distribution !== undefined;
    feature.push(isLeaf ? -1 : (node.splitColumn as number));
    threshold.push(isLeaf ? 0 : largestBelow(node.splitValue as number));
    left.push(0);
    right.push(0);
    cover.push(typeof node.numberSamples === 'number' ? node.numberSamples : Number.NaN);
    for (let k = 0; k < outputs; k += 1) value.push(isLeaf ? leafOutput(node.distribution!, k, classes) : 0);
    if (!isLeaf) pending.push([node.right as CartNode, at, true], [node.left as CartNode, at, false]);
  }
  // A leaf whose sibling's count is known gets the rest of its parent's.
  for (let node = 0; node < feature.length; node += 1) {
    if (feature[node] < 0 || Number.isNaN(cover[node])) continue;
    const l = left[node];
    const r = right[node];
    if (Number.isNaN(cover[l]) && !Number.isNaN(cover[r])) cover[l] = cover[node] - cover[r];
    if (Number.isNaN(cover[r]) && !Number.isNaN(cover[l])) cover[r] = cover[node] - cover[l];
  }
  const tree = new FlatTree(
    Int32Array.from(feature),
    Float64Array.from(threshold),
    Int32Array.from(left),
    Int32Array.from(right),
    Float64Array.from(value),
    outputs,
    Float64Array.from(cover),
  );
  return { tree, coversComplete: !cover.some(Number.isNaN) };
}

/** Output `k` of a leaf exactly as `CartDecisionTree.predict` reads it. */
function leafOutput(distribution: number | number[][], k: number, classes: number): number {
  if (typeof distribution === 'number') return distribution;
  const shares = distribution[0];
  const c = classes === 2 ? 1 : k;
  return c < shares.length ? shares[c] : 0;
}
