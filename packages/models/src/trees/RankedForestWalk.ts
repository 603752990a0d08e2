import { RANKEDWALK_LANES, RANKEDWALK_WASM } from '../generated/kernels';
import type { FlatTree } from './FlatTree';
import { instantiateKernel } from './wasmKernel';

interface RankedWalkKernel {
  walk(
    words: number,
    roots: number,
    trees: number,
    ranks: number,
    leaves: number,
    scale: number,
    acc: number,
  ): number;
}

/** The high byte of a leaf's word; a split's holds its feature, so features stop below it. */
const LEAF_WORD = 0xff00_0000;
const MAX_FEATURE = 254;
/** A split's threshold is stored as its rank among its feature's distinct thresholds: one byte. */
const MAX_THRESHOLDS = 256;
/** Words from a split to its children: 16 bits. */
const MAX_CHILD_OFFSET = 0xffff;
/** A leaf's index in the leaf outputs: the 24 bits below the leaf byte. */
const MAX_LEAVES = 1 << 24;

/**
 * The single-row walk of a large forest over 4-byte nodes: a split keeps its feature, its
 * threshold's rank among the forest's distinct thresholds of that feature, and the offset
 * of its two children; the row is turned into ranks first (a binary search per feature)
 * and each step compares two integers. A forest of 2 million nodes is then 8 MB of nodes
 * and 8 MB of leaf outputs instead of 33 MB of 16-byte records, so more of it stays in
 * cache between rows, and fifty trees walk in lockstep (kernels/rankedWalk.wat.js) so that
 * fifty cache misses overlap; on such forests a row takes about 0.7x the sixteen-lane walk
 * of the records (BENCHMARKS.md). A step goes right exactly when the value is above the
 * threshold (the rank counts the thresholds below the value), and the leaves are added in
 * tree order: the outputs are those of the other walks, to the bit.
 *
 * Built only for forests whose every split fits ({@link RankedForestWalk.build}); rows with
 * a missing value take the records' walk, which knows each split's missing direction.
 */
export class RankedForestWalk {
  /** Trees the kernel walks at a time. */
  static readonly lanes = RANKEDWALK_LANES;

  private constructor(
    private readonly kernel: RankedWalkKernel,
    /** Each used feature's distinct thresholds, ascending, one run after another. */
    private readonly thresholds: Float64Array,
    /** For the i-th used feature: its index, then the start and end of its run in `thresholds`. */
    private readonly runs: Int32Array,
    private readonly ranks: Int32Array,
    private readonly rootsAt: number,
    private readonly leavesAt: number,
    private readonly trees: number,
    /** Bytes of the kernel's memory. */
    readonly bytes: number,
  ) {}

  /**
   * The walk for `trees` (one output per leaf), or null when a split does not fit a word: a
   * feature index above 254, a feature with more than 256 distinct thresholds (the forests
   * this package grows split on at most 255 bins), a NaN threshold, children more than
   * 65,535 nodes after their parent (trees of more than about 65,000 nodes), more than
   * 16,777,216 leaves, a tree with a node its root does not reach or reaches twice, or no tree.
   */
  static build(trees: readonly FlatTree[]): RankedForestWalk | null {
    let total = 0;
    let leaves = 0;
    let maxFeature = -1;
    let maxNodes = 0;
    for (const tree of trees) {
      if (tree.channels !== 1) return null;
      total += tree.nodeCount;
      leaves += tree.leafCount;
      maxFeature = Math.max(maxFeature, tree.maxFeature());
      maxNodes = Math.max(maxNodes, tree.nodeCount);
    }
    if (trees.length === 0 || maxFeature > MAX_FEATURE || leaves > MAX_LEAVES) return null;
    const ranked = new ThresholdRanks(maxFeature + 1, total);
    if (!ranked.addAll(trees)) return null;
    const tables = ranked.sort();

    const rootsAt = 4 * total;
    const ranksAt = rootsAt + 4 * trees.length;
    const leavesAt = Math.ceil((ranksAt + 4 * (maxFeature + 1)) / 8) * 8;
    const bytes = leavesAt + 8 * leaves;
    const { exports: kernel, buffer } = instantiateKernel<RankedWalkKernel>(RANKEDWALK_WASM, bytes);
    const words = new Uint32Array(buffer, 0, total);
    const roots = new Int32Array(buffer, rootsAt, trees.length);
    const outputs = new Float64Array(buffer, leavesAt, leaves);
    const place = { next: 0, leaf: 0 };
    const at = new Int32Array(maxNodes);
    const pending = new Int32Array(maxNodes + 1);
    for (let t = 0; t < trees.length; t += 1) {
      roots[t] = place.next;
      if (!layOutTree(trees[t], ranked, words, outputs, at, pending, place)) return null;
    }

    const used = tables.flatMap((table, feature) => (table.length > 0 ? [feature] : []));
    const thresholds = new Float64Array(used.reduce((sum, f) => sum + tables[f].length, 0));
    const runs = new Int32Array(3 * used.length);
    let start = 0;
    used.forEach((feature, i) => {
      thresholds.set(tables[feature], start);
      runs[3 * i] = feature;
      runs[3 * i + 1] = start;
      start += tables[feature].length;
      runs[3 * i + 2] = start;
    });
    return new RankedForestWalk(
      kernel,
      thresholds,
      runs,
      new Int32Array(buffer, ranksAt, maxFeature + 1),
      rootsAt,
      leavesAt,
      trees.length,
      bytes,
    );
  }

  /**
   * `acc + scale × leaf` summed over the trees in tree order for the row at `x[base …]`, which
   * holds every feature a split reads and no NaN.
   */
  walk(x: Float64Array, base: number, scale: number, acc: number): number {
    const { thresholds, runs, ranks } = this;
    for (let i = 0; i < runs.length; i += 3) {
      const value = x[base + runs[i]];
      const first = runs[i + 1];
      // The count of thresholds below the value: the first index whose threshold is not below it.
      let lo = first;
      let hi = runs[i + 2];
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (thresholds[mid] < value) lo = mid + 1;
        else hi = mid;
      }
      ranks[runs[i]] = lo - first;
    }
    return this.kernel.walk(0, this.rootsAt, this.trees, ranks.byteOffset, this.leavesAt, scale, acc);
  }
}

/**
 * Each feature's distinct split thresholds and every threshold's rank among them, found with
 * a small hash table per feature (at most 256 entries each) instead of sorting the forest's
 * million thresholds: the build then costs a pass over the nodes, not a sort of them.
 */
class ThresholdRanks {
  /** Slots per feature: a power of two, at least twice the entries a feature may hold. */
  private static readonly SLOTS = 2 * MAX_THRESHOLDS;
  private readonly keys: Float64Array;
  /** The slot's rank once {@link sort} has run; -1 for an empty slot, 0 for a filled one before. */
  private readonly ranks: Int16Array;
  private readonly counts: Int32Array;
  private readonly bits = new Float64Array(1);
  private readonly halves = new Uint32Array(this.bits.buffer);

  /** Each split's slot, by node in the trees' order (a tree's nodes after the previous tree's). */
  readonly slots: Int32Array;

  constructor(
    private readonly features: number,
    nodes: number,
  ) {
    this.keys = new Float64Array(features * ThresholdRanks.SLOTS);
    this.ranks = new Int16Array(features * ThresholdRanks.SLOTS).fill(-1);
    this.counts = new Int32Array(features);
    this.slots = new Int32Array(nodes);
  }

  /** Adds every split's threshold; false when a feature has more than 256 distinct ones or one is NaN. */
  addAll(trees: readonly FlatTree[]): boolean {
    let first = 0;
    for (const tree of trees) {
      const { feature, threshold } = tree;
      for (let node = 0; node < feature.length; node += 1) {
        const f = feature[node];
        if (f < 0) continue;
        const value = threshold[node];
        if (Number.isNaN(value)) return false;
        const slot = this.slotOf(f, value);
        this.slots[first + node] = slot;
        if (this.ranks[slot] >= 0) continue;
        if (this.counts[f] === MAX_THRESHOLDS) return false;
        this.counts[f] += 1;
        this.keys[slot] = value;
        this.ranks[slot] = 0;
      }
      first += feature.length;
    }
    return true;
  }

  /** Ranks the thresholds; returns each feature's distinct thresholds, ascending. */
  sort(): Float64Array[] {
    const { SLOTS } = ThresholdRanks;
    return Array.from({ length: this.features }, (_, f) => {
      const values = new Float64Array(this.counts[f]);
      let n = 0;
      for (let slot = f * SLOTS; slot < (f + 1) * SLOTS; slot += 1)
        if (this.ranks[slot] >= 0) values[n++] = this.keys[slot];
      values.sort();
      values.forEach((value, rank) => {
        this.ranks[this.slotOf(f, value)] = rank;
      });
      return values;
    });
  }

  /** The rank of the threshold of split `node` (its index in {@link slots}), after {@link sort}. */
  rankAt(node: number): number {
    return this.ranks[this.slots[node]];
  }

  /** The slot holding `value` among `feature`'s, or the empty slot where it would go. */
  private slotOf(feature: number, value: number): number {
    const { SLOTS } = ThresholdRanks;
    // -0 and 0 are one threshold: a comparison cannot tell them apart.
    this.bits[0] = value === 0 ? 0 : value;
    const hash = Math.imul(this.halves[0] ^ Math.imul(this.halves[1], 0x9e37_79b1), 0x85eb_ca6b) >>> 23;
    const base = feature * SLOTS;
    for (let i = hash; ; i = (i + 1) & (SLOTS - 1)) {
      const slot = base + i;
      if (this.ranks[slot] < 0 || this.keys[slot] === value) return slot;
    }
  }
}

/**
 * Writes `tree`'s words from `place.next` on: the root, then depth first, each split's two
 * children side by side with the left one's subtree laid out first. False when a split's
 * children fall more than {@link MAX_CHILD_OFFSET} words after it, or when the walk from the
 * root does not meet every node exactly once (a tree it would not lay out as stored).
 */
function layOutTree(
  tree: FlatTree,
  thresholds: ThresholdRanks,
  words: Uint32Array,
  outputs: Float64Array,
  at: Int32Array,
  pending: Int32Array,
  place: { next: number; leaf: number },
): boolean {
  const { feature, left, right, value } = tree;
  let { next, leaf } = place;
  // Every earlier tree laid out exactly its nodes, so the tree's nodes are ThresholdRanks'
  // from here on.
  const first = next;
  at.fill(-1, 0, feature.length);
  // A node's word; a split's children offset is added when they are placed.
  const word = (node: number): number => {
    const f = feature[node];
    if (f >= 0) return ((f << 24) | (thresholds.rankAt(first + node) << 16)) >>> 0;
    outputs[leaf] = value[node];
    return (LEAF_WORD | leaf++) >>> 0;
  };
  at[0] = next;
  words[next++] = word(0);
  let depth = 0;
  pending[depth++] = 0;
  while (depth > 0) {
    const node = pending[--depth];
    if (feature[node] < 0) continue;
    const offset = next - at[node];
    if (offset > MAX_CHILD_OFFSET) return false;
    words[at[node]] |= offset;
    // A child out of the tree, or placed before (two parents, a cycle): not a tree to lay out.
    const l = left[node];
    if (!isNewNode(l, at, feature.length)) return false;
    at[l] = next;
    words[next++] = word(l);
    const r = right[node];
    if (!isNewNode(r, at, feature.length)) return false;
    at[r] = next;
    words[next++] = word(r);
    pending[depth++] = r;
    pending[depth++] = l;
  }
  place.next = next;
  place.leaf = leaf;
  // Fewer words than nodes: some node is not reached from the root.
  return next - first === feature.length;
}

/** True when `node` is a node of the tree other than its root and not yet placed. */
function isNewNode(node: number, at: Int32Array, nodes: number): boolean {
  return node > 0 && node < nodes && at[node] < 0;
}
