import type { FlatTree } from '../trees/FlatTree';
import { childFraction } from './childFraction';
import type { TreeShapWorkspace } from './TreeShapWorkspace';

// The walk's inputs for the current call: module slots rather than a dozen parameters on
// every recursive call (the walk is synchronous, so one call's state is never interleaved).
let tree: FlatTree;
let x: Float64Array;
let xBase = 0;
let phi: Float64Array;
let phiBase = 0;
let width = 0;
let scale = 1;
let pf: Int32Array;
let pz: Float64Array;
let po: Float64Array;
let pw: Float64Array;

/**
 * Exact path-dependent TreeSHAP (Lundberg et al. 2020, Algorithm 2; polynomial in the
 * tree's size and depth) for one row: adds `scale ×` the Shapley value of each feature,
 * for each of the tree's `channels` outputs, to `out[outBase + channel * width + feature]`.
 * The value of a coalition is the tree's expectation when the features outside it are
 * unknown and each split on them is followed in proportion to the training `cover`;
 * the contributions then sum to the tree's output minus {@link expectedTreeValue}.
 * A missing (NaN) input follows its split's missing-value direction, as prediction does.
 *
 * @param workspace sized for this tree's depth (`ensureDepth(treeDepth(tree))`)
 */
export function addTreeShap(
  flat: FlatTree,
  rowsX: Float64Array,
  rowBase: number,
  featureCount: number,
  out: Float64Array,
  outBase: number,
  workspace: TreeShapWorkspace,
  weight = 1,
): void {
  tree = flat;
  x = rowsX;
  xBase = rowBase;
  width = featureCount;
  phi = out;
  phiBase = outBase;
  scale = weight;
  pf = workspace.feature;
  pz = workspace.zero;
  po = workspace.one;
  pw = workspace.weight;
  recurse(0, 0, 0, 1, 1, -1);
}

/**
 * Visits `node` with the path of its parent (at `parentStart`, `depth` entries long)
 * extended by the split that led here: `zero` is the share of the cover following this
 * branch when the feature is unknown, `one` whether the row itself goes this way.
 */
function recurse(
  node: number,
  depth: number,
  parentStart: number,
  zero: number,
  one: number,
  feature: number,
): void {
  const start = parentStart + depth + 1;
  // A plain loop: paths are a few entries long, shorter than copyWithin's call overhead.
  for (let i = 0; i < depth; i += 1) {
    pf[start + i] = pf[parentStart + i];
    pz[start + i] = pz[parentStart + i];
    po[start + i] = po[parentStart + i];
    pw[start + i] = pw[parentStart + i];
  }
  extend(start, depth, zero, one, feature);
  const split = tree.feature[node];
  if (split < 0) {
    addLeaf(node, start, depth);
    return;
  }
  const v = x[xBase + split];
  const t = tree.threshold[node];
  const l = tree.left[node];
  const r = tree.right[node];
  // As FlatTree.leafOf: NaN fails both comparisons and takes the missing-value side.
  const hot = v <= t ? l : v > t || tree.missingLeft[node] === 0 ? r : l;
  const cold = hot === l ? r : l;
  let incomingZero = 1;
  let incomingOne = 1;
  let unique = depth;
  // A feature met again on the path: undo its earlier split and fold it into this one.
  let p = 0;
  while (p <= unique && pf[start + p] !== split) p += 1;
  if (p <= unique) {
    incomingZero = pz[start + p];
    incomingOne = po[start + p];
    unwind(start, unique, p);
    unique -= 1;
  }
  const hotZero = childFraction(tree, node, hot) * incomingZero;
  const coldZero = childFraction(tree, node, cold) * incomingZero;
  // A branch with both fractions zero carries no weight in any coalition: skipping it is
  // exact and avoids 0/0 when its path would later be unwound.
  if (hotZero !== 0 || incomingOne !== 0) recurse(hot, unique + 1, start, hotZero, incomingOne, split);
  if (coldZero !== 0) recurse(cold, unique + 1, start, coldZero, 0, split);
}

function addLeaf(node: number, start: number, depth: number): void {
  const { channels, value } = tree;
  const source = node * channels;
  for (let i = 1; i <= depth; i += 1) {
    const w = unwoundSum(start, depth, i) * (po[start + i] - pz[start + i]) * scale;
    const target = phiBase + pf[start + i];
    for (let c = 0; c < channels; c += 1) phi[target + c * width] += w * value[source + c];
  }
}

function extend(start: number, depth: number, zero: number, one: number, feature: number): void {
  const at = start + depth;
  pf[at] = feature;
  pz[at] = zero;
  po[at] = one;
  pw[at] = depth === 0 ? 1 : 0;
  const d1 = depth + 1;
  for (let i = depth - 1; i >= 0; i -= 1) {
    pw[start + i + 1] += (one * pw[start + i] * (i + 1)) / d1;
    pw[start + i] = (zero * pw[start + i] * (depth - i)) / d1;
  }
}

function unwind(start: number, depth: number, index: number): void {
  const one = po[start + index];
  const zero = pz[start + index];
  const d1 = depth + 1;
  let next = pw[start + depth];
  for (let i = depth - 1; i >= 0; i -= 1) {
    if (one !== 0) {
      const kept = pw[start + i];
      pw[start + i] = (next * d1) / ((i + 1) * one);
      next = kept - (pw[start + i] * zero * (depth - i)) / d1;
    } else {
      pw[start + i] = (pw[start + i] * d1) / (zero * (depth - i));
    }
  }
  for (let i = index; i < depth; i += 1) {
    pf[start + i] = pf[start + i + 1];
    pz[start + i] = pz[start + i + 1];
    po[start + i] = po[start + i + 1];
  }
}

/** The total permutation weight of the path with entry `index` removed, without modifying it. */
function unwoundSum(start: number, depth: number, index: number): number {
  const one = po[start + index];
  const zero = pz[start + index];
  const d1 = depth + 1;
  let total = 0;
  if (one !== 0) {
    let next = pw[start + depth];
    for (let i = depth - 1; i >= 0; i -= 1) {
      const part = (next * d1) / ((i + 1) * one);
      total += part;
      next = pw[start + i] - (part * zero * (depth - i)) / d1;
    }
  } else {
    for (let i = depth - 1; i >= 0; i -= 1) total += (pw[start + i] * d1) / (zero * (depth - i));
  }
  return total;
}
