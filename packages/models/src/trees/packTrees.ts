import { encodeArray } from './binaryArrays';
import { FlatTree } from './FlatTree';

/**
 * An ensemble's trees as a format-2 model document stores them: every tree's nodes one
 * after another (tree `t` holds the next `nodes[t]` nodes), each per-node field one
 * binary array (see `encodeArray`). A node is a leaf when its `left` is 0. Split
 * thresholds and leaf outputs are tables of the distinct numbers the trees use, which
 * nodes refer to by index: an ensemble splits on a few hundred bin edges per feature
 * and its leaves repeat the same outputs, so this is most of the size saved.
 */
export interface PackedTreesState {
  /** Nodes per tree, in order. */
  nodes: number[];
  /** Outputs per leaf. */
  channels: number;
  /** u32 per node: the split feature (0 on a leaf). */
  feature: string;
  /** u32 per node: index into `thresholds` of the split's threshold (go left when `x <= threshold`; 0 on a leaf). */
  threshold: string;
  /** u32 per node: the left child's index minus the node's (≥ 1), 0 on a leaf. */
  left: string;
  /** u32 per node: the right child's index minus the node's (≥ 1), 0 on a leaf. */
  right: string;
  /** u8 per node: 1 when a missing (NaN) value goes left at the split, else 0. */
  missingLeft: string;
  /** u32 per node: index into `values` (in units of `channels` numbers) of the leaf's outputs (0 on a split). */
  value: string;
  /**
   * f64 per node: the training weight that reached the node. Written when some weight is
   * not a whole number below 2³² or a split's is not exactly its children's sum (boosting's
   * log-loss hessians); otherwise `leafCover` replaces it.
   */
  cover?: string;
  /**
   * u32 per leaf, in node order: the training weight that reached the leaf; a split's is
   * its children's sum. Format 3's form of `cover` for whole-number weights (forests'
   * bootstrap counts, squared-error boosting's unit hessians), about a third of its size.
   */
  leafCover?: string;
  /** f64: the distinct split thresholds, ascending. */
  thresholds: string;
  /** Number of `thresholds`. */
  thresholdCount: number;
  /** f64: the distinct leaf outputs, `channels` numbers each. */
  values: string;
  /** Number of `values` entries (each `channels` numbers). */
  valueCount: number;
}

/** Packs trees (all with the same `channels`) for a format-2 document; {@link unpackTrees} reverses it. */
export function packTrees(trees: readonly FlatTree[], channels: number): PackedTreesState {
  let total = 0;
  for (const tree of trees) total += tree.nodeCount;
  const leafCover = coverOfLeaves(trees);
  const feature = new Uint32Array(total);
  const threshold = new Uint32Array(total);
  const left = new Uint32Array(total);
  const right = new Uint32Array(total);
  const missingLeft = new Uint8Array(total);
  const value = new Uint32Array(total);
  const cover = new Float64Array(total);
  const thresholds = distinct(trees, (tree, node) => (tree.feature[node] >= 0 ? tree.threshold[node] : null));
  const outputs = new Map<string, number>();
  const outputList: number[] = [];
  let at = 0;
  for (const tree of trees) {
    for (let node = 0; node < tree.nodeCount; node += 1, at += 1) {
      cover[at] = tree.cover[node];
      if (tree.feature[node] >= 0) {
        feature[at] = tree.feature[node];
        threshold[at] = thresholds.index.get(tree.threshold[node])!;
        left[at] = tree.left[node] - node;
        right[at] = tree.right[node] - node;
        missingLeft[at] = tree.missingLeft[node];
        continue;
      }
      const leaf = tree.value.subarray(node * channels, (node + 1) * channels);
      const key = leaf.join(',');
      let index = outputs.get(key);
      if (index === undefined) {
        index = outputs.size;
        outputs.set(key, index);
        outputList.push(...leaf);
      }
      value[at] = index;
    }
  }
  return {
    nodes: trees.map((tree) => tree.nodeCount),
    channels,
    feature: encodeArray(feature),
    threshold: encodeArray(threshold),
    left: encodeArray(left),
    right: encodeArray(right),
    missingLeft: encodeArray(missingLeft),
    value: encodeArray(value),
    ...(leafCover ? { leafCover: encodeArray(leafCover) } : { cover: encodeArray(cover) }),
    thresholds: encodeArray(thresholds.sorted),
    thresholdCount: thresholds.sorted.length,
    values: encodeArray(Float64Array.from(outputList)),
    valueCount: outputs.size,
  };
}

/**
 * Every leaf's cover as u32, in node order, when that loses nothing: each cover a whole
 * number below 2³² and each split's exactly its children's sum, so `unpackTrees` rebuilds
 * every node's cover bit for bit. Null otherwise.
 */
function coverOfLeaves(trees: readonly FlatTree[]): Uint32Array | null {
  const out: number[] = [];
  for (const tree of trees) {
    for (let node = 0; node < tree.nodeCount; node += 1) {
      const c = tree.cover[node];
      if (!Number.isInteger(c) || c < 0 || c > 0xffffffff) return null;
      if (tree.feature[node] < 0) out.push(c);
      else if (c !== tree.cover[tree.left[node]] + tree.cover[tree.right[node]]) return null;
    }
  }
  return Uint32Array.from(out);
}

/** The distinct numbers `pick` gives over every node (null skips a node), ascending, and each one's index. */
function distinct(
  trees: readonly FlatTree[],
  pick: (tree: FlatTree, node: number) => number | null,
): { sorted: Float64Array; index: Map<number, number> } {
  const seen = new Set<number>();
  for (const tree of trees) {
    for (let node = 0; node < tree.nodeCount; node += 1) {
      const v = pick(tree, node);
      if (v !== null) seen.add(v);
    }
  }
  const sorted = Float64Array.from(seen).sort();
  return { sorted, index: new Map(Array.from(sorted, (v, i) => [v, i])) };
}
