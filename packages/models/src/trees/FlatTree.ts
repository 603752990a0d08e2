import { ModelsError } from '../errors';
import {
  badModelFile,
  expectExactly,
  expectInteger,
  expectModelNumbers,
  expectObject,
  shown,
} from '../pipeline/modelFileChecks';
import { claimChild, expectAllReached } from './treeShapeChecks';

/**
 * One tree as format-1 model documents stored it (parallel JSON arrays, one entry per
 * node): still read, no longer written (format 2 packs trees, see `packTrees`).
 */
export interface FlatTreeState {
  /** Split feature per node; -1 marks a leaf. */
  feature: number[];
  /** Go left when `x[feature] <= threshold` (raw feature units); NaN goes right. */
  threshold: number[];
  left: number[];
  right: number[];
  /** `channels` numbers per node (leaf outputs; zeros on internal nodes). */
  value: number[];
  channels: number;
}

/**
 * A binary decision tree stored as flat typed arrays (node 0 is the root), so batch
 * prediction is a tight loop without objects or the training-time binner.
 */
export class FlatTree {
  constructor(
    readonly feature: Int32Array,
    readonly threshold: Float64Array,
    readonly left: Int32Array,
    readonly right: Int32Array,
    /** `channels` outputs per node; only leaves' are used (and stored). */
    readonly value: Float64Array,
    readonly channels: number,
    /**
     * The training weight (rows, or bootstrap counts) that reached each node, which exact
     * TreeSHAP weighs paths by; zeros when unknown (trees read from format-1 documents).
     */
    readonly cover: Float64Array = new Float64Array(feature.length),
    /** 1 where a missing (NaN) value goes left at that split; 0 (right) by default. */
    readonly missingLeft: Uint8Array = new Uint8Array(feature.length),
  ) {}

  get nodeCount(): number {
    return this.feature.length;
  }

  /** Number of leaves. */
  get leafCount(): number {
    let leaves = 0;
    for (let node = 0; node < this.feature.length; node += 1) if (this.feature[node] < 0) leaves += 1;
    return leaves;
  }

  /** The leaf that row `row` of `x` (`width` columns, row-major) falls into. */
  leafOf(x: Float64Array, row: number, width: number): number {
    const { feature, threshold, left, right, missingLeft } = this;
    const base = row * width;
    let node = 0;
    let f = feature[0];
    while (f >= 0) {
      const v = x[base + f];
      const t = threshold[node];
      // NaN fails both comparisons and follows the node's missing-value direction.
      node = v <= t ? left[node] : v > t || missingLeft[node] === 0 ? right[node] : left[node];
      f = feature[node];
    }
    return node;
  }

  /**
   * Adds `scale ×` the leaf output of each row to `out[row * stride + offset + channel]`:
   * ensembles accumulate their trees into one buffer this way.
   */
  addTo(
    x: Float64Array,
    rows: number,
    width: number,
    out: Float64Array,
    stride: number,
    offset = 0,
    scale = 1,
  ) {
    const { value, channels } = this;
    for (let row = 0; row < rows; row += 1) {
      const node = this.leafOf(x, row, width);
      const target = row * stride + offset;
      const source = node * channels;
      for (let c = 0; c < channels; c += 1) out[target + c] += scale * value[source + c];
    }
  }

  /** The largest feature index any split uses (-1 for a single leaf). */
  maxFeature(): number {
    let largest = -1;
    for (let node = 0; node < this.feature.length; node += 1)
      if (this.feature[node] > largest) largest = this.feature[node];
    return largest;
  }

  /**
   * Checks a stored tree before it is used: parallel arrays of one length, split
   * features in `0…width-1` (−1 on leaves), thresholds that are numbers, children
   * after their parent and inside the tree, `channels` finite leaf values per node.
   * Throws `bad-model-file` naming the field (`estimator.trees[3].left[7]`).
   */
  static checkState(value: unknown, field: string, width: number, channels: number): void {
    const state = expectObject(value, field);
    expectExactly(state.channels, channels, `${field}.channels`, 'the outputs of the model');
    if (!Array.isArray(state.feature) || state.feature.length === 0) {
      throw badModelFile(`${field}.feature`, `is ${shown(state.feature)}: it must be a non-empty array`);
    }
    const n = state.feature.length;
    for (const key of ['threshold', 'left', 'right'] as const) {
      const array = state[key];
      if (!Array.isArray(array) || array.length !== n) {
        throw badModelFile(
          `${field}.${key}`,
          `has ${Array.isArray(array) ? array.length : 'no'} entries: it must have one per node (${n})`,
        );
      }
    }
    const { feature, threshold, left, right } = state as unknown as FlatTreeState;
    const parents = new Int32Array(n).fill(-1);
    expectModelNumbers(state.value, `${field}.value`, n * channels, ` (${channels} per node)`);
    for (let node = 0; node < n; node += 1) {
      const f = expectInteger(feature[node], `${field}.feature[${node}]`, -1, width - 1);
      if (typeof threshold[node] !== 'number' || Number.isNaN(threshold[node])) {
        throw badModelFile(
          `${field}.threshold[${node}]`,
          `is ${shown(threshold[node])}: it must be a number`,
        );
      }
      if (f < 0) continue;
      // Children come after their parent, which also rules out cycles.
      claimChild(
        parents,
        expectInteger(left[node], `${field}.left[${node}]`, node + 1, n - 1),
        node,
        `${field}.left[${node}]`,
      );
      claimChild(
        parents,
        expectInteger(right[node], `${field}.right[${node}]`, node + 1, n - 1),
        node,
        `${field}.right[${node}]`,
      );
    }
    expectAllReached(parents, field);
  }

  /** Restores a tree, checking that the arrays are consistent so a corrupt file fails here, not later. */
  static fromJSON(state: FlatTreeState): FlatTree {
    const ok =
      state &&
      Array.isArray(state.feature) &&
      Array.isArray(state.threshold) &&
      Array.isArray(state.left) &&
      Array.isArray(state.right) &&
      Array.isArray(state.value) &&
      Number.isInteger(state.channels) &&
      state.channels > 0;
    const n = ok ? state.feature.length : 0;
    if (
      !ok ||
      n === 0 ||
      state.threshold.length !== n ||
      state.left.length !== n ||
      state.right.length !== n ||
      state.value.length !== n * state.channels
    ) {
      throw new ModelsError('bad-model-file', 'tree JSON is corrupt: its node arrays differ in length');
    }
    const tree = new FlatTree(
      Int32Array.from(state.feature),
      Float64Array.from(state.threshold),
      Int32Array.from(state.left),
      Int32Array.from(state.right),
      Float64Array.from(state.value),
      state.channels,
    );
    for (let node = 0; node < n; node += 1) {
      if (tree.feature[node] < 0) continue;
      const l = tree.left[node];
      const r = tree.right[node];
      // Children always come after their parent, which also rules out cycles.
      if (!(l > node && l < n && r > node && r < n)) {
        throw new ModelsError('bad-model-file', `tree JSON is corrupt: node ${node} has invalid children`);
      }
    }
    return tree;
  }
}
