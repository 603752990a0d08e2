import type { FlatTree } from './FlatTree';

/**
 * The trees of an ensemble laid out for prediction: every node of every tree in one
 * buffer of 16-byte records (threshold or single leaf output as a double, then feature
 * and right child as 32-bit integers), renumbered in preorder so the left child is the
 * next record. A step down a tree is then one record and, going left, the neighbouring
 * one: the per-tree objects and five parallel arrays of {@link FlatTree} cost a cache
 * miss per array per step, which dominated single-row prediction.
 */
export class TreeEnsemblePredictor {
  /** 2 doubles per node: [threshold | leaf output, (feature, right) as two int32]. */
  private readonly numbers: Float64Array;
  private readonly ints: Int32Array;
  /** 1 where a missing value goes left; read only for NaN inputs. */
  private readonly missingLeft: Uint8Array;
  /** Leaf outputs when a leaf has several (`channels` > 1), indexed by `-1 - feature` of the leaf. */
  private readonly leafValues: Float64Array;
  private readonly roots: Int32Array;

  /**
   * @param trees the ensemble's trees (all with `channels` outputs per leaf)
   * @param channelOf the output channel tree `t` adds to (boosting: one tree per class)
   */
  constructor(
    trees: readonly FlatTree[],
    private readonly channels: number,
    private readonly channelOf: (t: number) => number,
  ) {
    let total = 0;
    let leaves = 0;
    for (const tree of trees) {
      total += tree.nodeCount;
      leaves += tree.leafCount;
    }
    this.numbers = new Float64Array(2 * total);
    this.ints = new Int32Array(this.numbers.buffer);
    this.missingLeft = new Uint8Array(total);
    this.leafValues = new Float64Array(channels > 1 ? leaves * channels : 0);
    this.roots = new Int32Array(trees.length);
    let next = 0;
    let leaf = 0;
    const stack: number[] = [];
    trees.forEach((tree, t) => {
      this.roots[t] = next;
      // Preorder: a node, its left subtree, its right subtree. `stack` holds pending right
      // children with the record whose right pointer they fill (-1 for the root).
      stack.push(0, -1);
      while (stack.length > 0) {
        const parent = stack.pop()!;
        const node = stack.pop()!;
        const at = next++;
        if (parent >= 0) this.ints[4 * parent + 3] = at;
        const f = tree.feature[node];
        if (f < 0) {
          if (channels === 1) this.numbers[2 * at] = tree.value[node];
          else
            this.leafValues.set(tree.value.subarray(node * channels, (node + 1) * channels), leaf * channels);
          this.ints[4 * at + 2] = -1 - leaf;
          leaf += 1;
          continue;
        }
        this.numbers[2 * at] = tree.threshold[node];
        this.ints[4 * at + 2] = f;
        this.missingLeft[at] = tree.missingLeft[node];
        // The right child is visited after the whole left subtree; the left child next.
        stack.push(tree.right[node], at, tree.left[node], -2);
      }
    });
  }

  /**
   * Adds `scale ×` each tree's leaf output for every row of `x` (`rows × width`, row-major)
   * to `out[row * stride + channelOf(t) + c]`.
   */
  addTo(
    x: Float64Array,
    rows: number,
    width: number,
    out: Float64Array,
    stride: number,
    scale: number,
  ): void {
    const { numbers, ints, missingLeft, leafValues, roots, channels } = this;
    for (let t = 0; t < roots.length; t += 1) {
      const root = roots[t];
      const channel = this.channelOf(t);
      for (let row = 0; row < rows; row += 1) {
        const base = row * width;
        let node = root;
        let f = ints[4 * node + 2];
        while (f >= 0) {
          const v = x[base + f];
          const threshold = numbers[2 * node];
          if (v <= threshold) node += 1;
          else if (v > threshold || missingLeft[node] === 0) node = ints[4 * node + 3];
          else node += 1;
          f = ints[4 * node + 2];
        }
        const target = row * stride + channel;
        if (channels === 1) out[target] += scale * numbers[2 * node];
        else {
          const source = (-1 - f) * channels;
          for (let c = 0; c < channels; c += 1) out[target + c] += scale * leafValues[source + c];
        }
      }
    }
  }
}
