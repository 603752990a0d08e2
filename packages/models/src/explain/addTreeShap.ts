import type { FlatTree } from '../trees/FlatTree';
import type { TreeShapWorkspace } from './TreeShapWorkspace';

// The walk's inputs for the current call, in module slots: the recursion then passes only
// small integers (doubles passed to a recursive call are boxed, which showed up as garbage
// collection), and the walk is synchronous, so two calls never interleave.
let feature: Int32Array;
let threshold: Float64Array;
let left: Int32Array;
let right: Int32Array;
let value: Float64Array;
let cover: Float64Array;
let missingLeft: Uint8Array;
let channels = 1;
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
let recip: Float64Array;

/**
 * Exact path-dependent TreeSHAP (Lundberg et al. 2020, Algorithm 2; polynomial in the
 * tree's size and depth) for one row: adds `scale ×` the Shapley value of each feature,
 * for each of the tree's `channels` outputs, to `out[outBase + channel * width + feature]`.
 * The value of a coalition is the tree's expectation when the features outside it are
 * unknown and each split on them is followed in proportion to the training `cover`
 * (evenly at a node no training weight reached); the contributions then sum to the
 * tree's output minus {@link expectedTreeValue}. A missing (NaN) input follows its
 * split's missing-value direction, as prediction does.
 *
 * @param workspace sized for this tree's depth (`ensureDepth(treeDepth(tree))`)
 */
export function addTreeShap(
  tree: FlatTree,
  rowsX: Float64Array,
  rowBase: number,
  featureCount: number,
  out: Float64Array,
  outBase: number,
  workspace: TreeShapWorkspace,
  weight = 1,
): void {
  ({ feature, threshold, left, right, value, cover, missingLeft, channels } = tree);
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
  recip = workspace.reciprocals;
  // The root's path holds one placeholder entry (feature -1) that every split extends.
  pf[1] = -1;
  pz[1] = 1;
  po[1] = 1;
  recurse(0, 0, 1);
}

/**
 * Visits `node`, whose path (`depth + 1` entries from `start`) the caller has laid out:
 * its parent's path, then at `start + depth` the split that led here (its feature, the
 * share of the cover that follows this branch when the feature is unknown, and whether
 * the row itself goes this way). Extends the permutation weights with that entry.
 */
function recurse(node: number, depth: number, start: number): void {
  extend(start, depth);
  const split = feature[node];
  if (split < 0) {
    addLeaf(node, start, depth);
    return;
  }
  const v = x[xBase + split];
  const t = threshold[node];
  const l = left[node];
  const r = right[node];
  // As FlatTree.leafOf: NaN fails both comparisons and takes the missing-value side.
  const hot = v <= t ? l : v > t || missingLeft[node] === 0 ? r : l;
  const cold = hot === l ? r : l;
  let incomingZero = 1;
  let incomingOne = 1;
  let unique = depth;
  // A feature met again on the path: undo its earlier split and fold it into this one.
  let p = 1;
  while (p <= unique && pf[start + p] !== split) p += 1;
  if (p <= unique) {
    incomingZero = pz[start + p];
    incomingOne = po[start + p];
    unwind(start, unique, p);
    unique -= 1;
  }
  const total = cover[node];
  const hotShare = total > 0 ? cover[hot] / total : 0.5;
  const coldShare = total > 0 ? cover[cold] / total : 0.5;
  const hotZero = hotShare * incomingZero;
  const coldZero = coldShare * incomingZero;
  const childDepth = unique + 1;
  const childStart = start + childDepth + 1;
  // A branch with both fractions zero carries no weight in any coalition: skipping it is
  // exact and avoids 0/0 when its path would later be unwound.
  if (hotZero !== 0 || incomingOne !== 0) {
    enter(start, childStart, childDepth, split, hotZero, incomingOne);
    recurse(hot, childDepth, childStart);
  }
  if (coldZero !== 0) {
    enter(start, childStart, childDepth, split, coldZero, 0);
    recurse(cold, childDepth, childStart);
  }
}

/** Copies the parent's path (`depth` entries) to the child's segment and appends the split. */
function enter(from: number, to: number, depth: number, split: number, zero: number, one: number): void {
  // A plain loop: paths are a few entries long, shorter than copyWithin's call overhead.
  for (let i = 0; i < depth; i += 1) {
    pf[to + i] = pf[from + i];
    pz[to + i] = pz[from + i];
    po[to + i] = po[from + i];
    pw[to + i] = pw[from + i];
  }
  pf[to + depth] = split;
  pz[to + depth] = zero;
  po[to + depth] = one;
}

function addLeaf(node: number, start: number, depth: number): void {
  const source = node * channels;
  for (let i = 1; i <= depth; i += 1) {
    const gap = po[start + i] - pz[start + i];
    if (gap === 0) continue;
    const w = unwoundSum(start, depth, i) * gap * scale;
    const target = phiBase + pf[start + i];
    for (let c = 0; c < channels; c += 1) phi[target + c * width] += w * value[source + c];
  }
}

// The three steps below are Algorithm 2's EXTEND, UNWIND and the sum of an unwound path's
// weights, with every division but one per call turned into a product with `recip[k] = 1/k`.

function extend(start: number, depth: number): void {
  const zero = pz[start + depth];
  const one = po[start + depth];
  pw[start + depth] = depth === 0 ? 1 : 0;
  const inverse = recip[depth + 1];
  for (let i = depth - 1; i >= 0; i -= 1) {
    const w = pw[start + i];
    pw[start + i + 1] += one * w * (i + 1) * inverse;
    pw[start + i] = zero * w * (depth - i) * inverse;
  }
}

function unwind(start: number, depth: number, index: number): void {
  const one = po[start + index];
  const zero = pz[start + index];
  const d1 = depth + 1;
  const inverse = recip[d1];
  let next = pw[start + depth];
  if (one !== 0) {
    const k = d1 / one;
    for (let i = depth - 1; i >= 0; i -= 1) {
      const kept = pw[start + i];
      const w = next * k * recip[i + 1];
      pw[start + i] = w;
      next = kept - w * zero * (depth - i) * inverse;
    }
  } else {
    const k = d1 / zero;
    for (let i = depth - 1; i >= 0; i -= 1) pw[start + i] *= k * recip[depth - i];
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
    const k = d1 / one;
    const zk = zero * recip[d1];
    let next = pw[start + depth];
    for (let i = depth - 1; i >= 0; i -= 1) {
      const part = next * k * recip[i + 1];
      total += part;
      next = pw[start + i] - part * zk * (depth - i);
    }
  } else {
    const k = d1 / zero;
    for (let i = depth - 1; i >= 0; i -= 1) total += pw[start + i] * k * recip[depth - i];
  }
  return total;
}
