import { FOREST_WASM } from '../generated/kernels';
import type { FlatTree } from './FlatTree';
import { RankedForestWalk } from './RankedForestWalk';
import { instantiateKernel } from './wasmKernel';

interface ForestKernel {
  walkRow(nodes: number, roots: number, trees: number, row: number, scale: number, acc: number): number;
  walkRow16(nodes: number, roots: number, trees: number, row: number, scale: number, acc: number): number;
  walkRows(
    nodes: number,
    root: number,
    x: number,
    rowBytes: number,
    rows: number,
    scale: number,
    out: number,
  ): void;
}

/** The WebAssembly walk of one row and where its inputs live in the kernel's memory. */
interface RowWalk {
  kernel: ForestKernel;
  rootsAt: number;
  /** The row's values up to the highest feature any split reads. */
  row: Float64Array;
  /** The single-row walk for this many nodes: eight or sixteen trees at a time. */
  walkRow: ForestKernel['walkRow'];
  /** Room for a batch's rows (`chunk` rows of `row.length` values) and their outputs. */
  rows: Float64Array;
  outs: Float64Array;
  chunk: number;
}

/**
 * Nodes above which a single row walks sixteen trees at a time instead of eight: 4 MB of
 * records, twice a core's L2 cache on the machine it was measured on (BENCHMARKS.md).
 */
export const WIDE_WALK_NODES = 262_144;

/**
 * Nodes above which a single row walks the forest's 4-byte nodes ({@link RankedForestWalk})
 * where they can hold it: 8 MB of records. Near this size both walks took the same time
 * (0.95x on forests of 490,000 and 620,000 nodes, 1.02-1.18x below 420,000, 0.64-0.79x from
 * 830,000 up; BENCHMARKS.md), the row's ranks costing what the smaller nodes save.
 */
export const RANKED_WALK_NODES = 524_288;

/** Options of {@link TreeEnsemblePredictor}. */
export interface TreeEnsemblePredictorOptions {
  /** Walk a single row sixteen trees at a time above this many nodes. @default {@link WIDE_WALK_NODES} */
  wideWalkNodes?: number;
  /** Walk a single row over 4-byte nodes above this many nodes. @default {@link RANKED_WALK_NODES} */
  rankedWalkNodes?: number;
}

/** Bytes of a batch's rows copied into the kernel's memory at a time. */
const BATCH_BYTES = 1 << 20;

/**
 * The trees of an ensemble laid out for prediction: every node of every tree in one
 * buffer of 16-byte records (threshold or single leaf output as a double, then feature
 * and right child as 32-bit integers), renumbered in preorder so the left child is the
 * next record. A step down a tree is then one record and, going left, the neighbouring
 * one: the per-tree objects and five parallel arrays of {@link FlatTree} cost a cache
 * miss per array per step, which dominated single-row prediction. When every tree adds
 * to one output (regression, binary classification, a forest's averaged probability) the
 * buffer lives in a WebAssembly memory and a single row without missing values is walked
 * there (kernels/forest.wat), with the same additions in the same order.
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
  /** The WebAssembly single-row walk; null for ensembles with several outputs. */
  private readonly rowWalk: RowWalk | null;
  /** The single-row walk of large forests over 4-byte nodes; null where it is not built. */
  private readonly rankedWalk: RankedForestWalk | null = null;

  /**
   * @param trees the ensemble's trees (all with `channels` outputs per leaf)
   * @param channelOf the output channel tree `t` adds to (boosting: one tree per class)
   */
  constructor(
    trees: readonly FlatTree[],
    private readonly channels: number,
    private readonly channelOf: (t: number) => number,
    options: TreeEnsemblePredictorOptions = {},
  ) {
    let total = 0;
    let leaves = 0;
    for (const tree of trees) {
      total += tree.nodeCount;
      leaves += tree.leafCount;
    }
    const oneOutput = channels === 1 && trees.every((_, t) => channelOf(t) === 0);
    if (oneOutput) {
      let maxFeature = -1;
      for (const tree of trees) maxFeature = Math.max(maxFeature, tree.maxFeature());
      const rootsAt = 16 * total;
      const rowAt = Math.ceil((rootsAt + 4 * trees.length) / 8) * 8;
      const rowLength = maxFeature + 1;
      const chunk = Math.max(8, Math.min(16_384, Math.floor(BATCH_BYTES / (8 * Math.max(1, rowLength)))));
      const rowsAt = rowAt + 8 * rowLength + 8;
      const outsAt = rowsAt + 8 * chunk * rowLength;
      // Not named `exports`: compiled to CommonJS, the module's own constants are read as `exports.…`.
      const { exports: kernel, buffer } = instantiateKernel<ForestKernel>(FOREST_WASM, outsAt + 8 * chunk);
      this.numbers = new Float64Array(buffer, 0, 2 * total);
      this.roots = new Int32Array(buffer, rootsAt, trees.length);
      if (total > (options.rankedWalkNodes ?? RANKED_WALK_NODES))
        this.rankedWalk = RankedForestWalk.build(trees);
      this.rowWalk = {
        kernel,
        walkRow: total > (options.wideWalkNodes ?? WIDE_WALK_NODES) ? kernel.walkRow16 : kernel.walkRow,
        rootsAt,
        row: new Float64Array(buffer, rowAt, rowLength),
        rows: new Float64Array(buffer, rowsAt, chunk * rowLength),
        outs: new Float64Array(buffer, outsAt, chunk),
        chunk,
      };
    } else {
      this.numbers = new Float64Array(2 * total);
      this.roots = new Int32Array(trees.length);
      this.rowWalk = null;
    }
    this.ints = new Int32Array(this.numbers.buffer, this.numbers.byteOffset, 4 * total);
    this.missingLeft = new Uint8Array(total);
    this.leafValues = new Float64Array(channels > 1 ? leaves * channels : 0);
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
   * Trees a single row walks at a time in WebAssembly: 8; 16 above `wideWalkNodes` nodes;
   * {@link RankedForestWalk.lanes} over 4-byte nodes above `rankedWalkNodes` where they can hold
   * the forest; 0 without the kernel.
   */
  get singleRowLanes(): number {
    if (!this.rowWalk) return 0;
    if (this.rankedWalk) return RankedForestWalk.lanes;
    return this.rowWalk.walkRow === this.rowWalk.kernel.walkRow16 ? 16 : 8;
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
    const trees = this.roots.length;
    if (rows < 4) {
      // Few rows (the serving path): walk several trees in lockstep so their cache misses
      // overlap. A row without missing values takes the branch-free walk.
      for (let row = 0; row < rows; row += 1) {
        let t = 0;
        if (hasNoMissing(x, row * width, width)) {
          const target = row * stride;
          if (this.rankedWalk) {
            out[target] = this.rankedWalk.walk(x, row * width, scale, out[target]);
            continue;
          }
          const walk = this.rowWalk;
          if (walk) {
            walk.row.set(x.subarray(row * width, row * width + walk.row.length));
            out[target] = walk.walkRow(0, walk.rootsAt, trees, walk.row.byteOffset, scale, out[target]);
            continue;
          }
          for (; t + 8 <= trees; t += 8) this.walkEight(x, row * width, row, t, out, stride, scale);
          for (; t < trees; t += 1) this.walkOne(x, row * width, row, t, out, stride, scale);
          continue;
        }
        for (; t + 4 <= trees; t += 4)
          this.walkFour(x, width, row, row, row, row, t, t + 1, t + 2, t + 3, out, stride, scale, 4);
        for (; t < trees; t += 1)
          this.walkFour(x, width, row, row, row, row, t, t, t, t, out, stride, scale, 1);
      }
      return;
    }
    // Many rows: one tree at a time, so its nodes stay in cache across the rows; without
    // missing values, rows walk it in lockstep with the branch-free step (in WebAssembly
    // when the trees add to one output, a chunk of rows at a time).
    const { numbers, ints, missingLeft } = this;
    if (hasNoMissing(x, 0, rows * width)) {
      if (this.rowWalk) {
        this.walkBatch(this.rowWalk, x, rows, width, out, stride, scale);
        return;
      }
      for (let t = 0; t < trees; t += 1) {
        let row = 0;
        for (; row + 4 <= rows; row += 4) this.walkFourRows(x, width, row, t, out, stride, scale);
        for (; row < rows; row += 1) this.walkOne(x, row * width, row, t, out, stride, scale);
      }
      return;
    }
    for (let t = 0; t < trees; t += 1) {
      const root = this.roots[t];
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
        this.addLeaf(node, f, row, t, out, stride, scale);
      }
    }
  }

  /**
   * Walks trees `t … t + 7` for the row at `x[base …]`, which has no missing value, in
   * lockstep. A step is `node + 1 + goRight × (right − node − 1)`: arithmetic instead of a
   * branch on the comparison, which is a coin flip the CPU mispredicts about half the time.
   */
  private walkEight(
    x: Float64Array,
    base: number,
    row: number,
    t: number,
    out: Float64Array,
    stride: number,
    scale: number,
  ): void {
    const { numbers: v, ints: k, roots } = this;
    let n0 = roots[t];
    let n1 = roots[t + 1];
    let n2 = roots[t + 2];
    let n3 = roots[t + 3];
    let n4 = roots[t + 4];
    let n5 = roots[t + 5];
    let n6 = roots[t + 6];
    let n7 = roots[t + 7];
    let f0 = k[4 * n0 + 2];
    let f1 = k[4 * n1 + 2];
    let f2 = k[4 * n2 + 2];
    let f3 = k[4 * n3 + 2];
    let f4 = k[4 * n4 + 2];
    let f5 = k[4 * n5 + 2];
    let f6 = k[4 * n6 + 2];
    let f7 = k[4 * n7 + 2];
    // Leaves have a negative feature: the AND has its sign bit clear while any tree is at a split.
    while ((f0 & f1 & f2 & f3 & f4 & f5 & f6 & f7) >= 0) {
      if (f0 >= 0) {
        n0 += 1 + +(x[base + f0] > v[2 * n0]) * (k[4 * n0 + 3] - n0 - 1);
        f0 = k[4 * n0 + 2];
      }
      if (f1 >= 0) {
        n1 += 1 + +(x[base + f1] > v[2 * n1]) * (k[4 * n1 + 3] - n1 - 1);
        f1 = k[4 * n1 + 2];
      }
      if (f2 >= 0) {
        n2 += 1 + +(x[base + f2] > v[2 * n2]) * (k[4 * n2 + 3] - n2 - 1);
        f2 = k[4 * n2 + 2];
      }
      if (f3 >= 0) {
        n3 += 1 + +(x[base + f3] > v[2 * n3]) * (k[4 * n3 + 3] - n3 - 1);
        f3 = k[4 * n3 + 2];
      }
      if (f4 >= 0) {
        n4 += 1 + +(x[base + f4] > v[2 * n4]) * (k[4 * n4 + 3] - n4 - 1);
        f4 = k[4 * n4 + 2];
      }
      if (f5 >= 0) {
        n5 += 1 + +(x[base + f5] > v[2 * n5]) * (k[4 * n5 + 3] - n5 - 1);
        f5 = k[4 * n5 + 2];
      }
      if (f6 >= 0) {
        n6 += 1 + +(x[base + f6] > v[2 * n6]) * (k[4 * n6 + 3] - n6 - 1);
        f6 = k[4 * n6 + 2];
      }
      if (f7 >= 0) {
        n7 += 1 + +(x[base + f7] > v[2 * n7]) * (k[4 * n7 + 3] - n7 - 1);
        f7 = k[4 * n7 + 2];
      }
    }
    this.addLeaf(n0, f0, row, t, out, stride, scale);
    this.addLeaf(n1, f1, row, t + 1, out, stride, scale);
    this.addLeaf(n2, f2, row, t + 2, out, stride, scale);
    this.addLeaf(n3, f3, row, t + 3, out, stride, scale);
    this.addLeaf(n4, f4, row, t + 4, out, stride, scale);
    this.addLeaf(n5, f5, row, t + 5, out, stride, scale);
    this.addLeaf(n6, f6, row, t + 6, out, stride, scale);
    this.addLeaf(n7, f7, row, t + 7, out, stride, scale);
  }

  /** Rows `row … row + 3` (no missing values) down tree `t` in lockstep, branch-free. */
  private walkFourRows(
    x: Float64Array,
    width: number,
    row: number,
    t: number,
    out: Float64Array,
    stride: number,
    scale: number,
  ): void {
    const { numbers: v, ints: k } = this;
    const root = this.roots[t];
    const b0 = row * width;
    const b1 = b0 + width;
    const b2 = b1 + width;
    const b3 = b2 + width;
    let n0 = root;
    let n1 = root;
    let n2 = root;
    let n3 = root;
    let f0 = k[4 * root + 2];
    let f1 = f0;
    let f2 = f0;
    let f3 = f0;
    while ((f0 & f1 & f2 & f3) >= 0) {
      if (f0 >= 0) {
        n0 += 1 + +(x[b0 + f0] > v[2 * n0]) * (k[4 * n0 + 3] - n0 - 1);
        f0 = k[4 * n0 + 2];
      }
      if (f1 >= 0) {
        n1 += 1 + +(x[b1 + f1] > v[2 * n1]) * (k[4 * n1 + 3] - n1 - 1);
        f1 = k[4 * n1 + 2];
      }
      if (f2 >= 0) {
        n2 += 1 + +(x[b2 + f2] > v[2 * n2]) * (k[4 * n2 + 3] - n2 - 1);
        f2 = k[4 * n2 + 2];
      }
      if (f3 >= 0) {
        n3 += 1 + +(x[b3 + f3] > v[2 * n3]) * (k[4 * n3 + 3] - n3 - 1);
        f3 = k[4 * n3 + 2];
      }
    }
    this.addLeaf(n0, f0, row, t, out, stride, scale);
    this.addLeaf(n1, f1, row + 1, t, out, stride, scale);
    this.addLeaf(n2, f2, row + 2, t, out, stride, scale);
    this.addLeaf(n3, f3, row + 3, t, out, stride, scale);
  }

  /**
   * The batch walk in WebAssembly (kernels/forest.wat `walkRows`): the rows, a chunk at a
   * time, copied into the kernel's memory with their outputs, then every tree over the
   * chunk in tree order, so each row's sum is the one {@link walkFourRows} makes.
   */
  private walkBatch(
    walk: RowWalk,
    x: Float64Array,
    rows: number,
    width: number,
    out: Float64Array,
    stride: number,
    scale: number,
  ): void {
    const { kernel, rows: staged, outs, chunk } = walk;
    const length = walk.row.length;
    const { roots } = this;
    for (let from = 0; from < rows; from += chunk) {
      const n = Math.min(chunk, rows - from);
      if (width === length) staged.set(x.subarray(from * width, (from + n) * width));
      else
        for (let r = 0; r < n; r += 1) {
          const base = (from + r) * width;
          staged.set(x.subarray(base, base + length), r * length);
        }
      for (let r = 0; r < n; r += 1) outs[r] = out[(from + r) * stride];
      for (let t = 0; t < roots.length; t += 1)
        kernel.walkRows(0, roots[t], staged.byteOffset, 8 * length, n, scale, outs.byteOffset);
      for (let r = 0; r < n; r += 1) out[(from + r) * stride] = outs[r];
    }
  }

  /** {@link walkEight} for one tree (the ensemble's last `trees mod 8`). */
  private walkOne(
    x: Float64Array,
    base: number,
    row: number,
    t: number,
    out: Float64Array,
    stride: number,
    scale: number,
  ): void {
    const { numbers: v, ints: k } = this;
    let n = this.roots[t];
    let f = k[4 * n + 2];
    while (f >= 0) {
      n += 1 + +(x[base + f] > v[2 * n]) * (k[4 * n + 3] - n - 1);
      f = k[4 * n + 2];
    }
    this.addLeaf(n, f, row, t, out, stride, scale);
  }

  /**
   * Walks four (row, tree) pairs down at once and adds their leaves' outputs; with `count`
   * 1 the four pairs are the same and only the first is added.
   */
  private walkFour(
    x: Float64Array,
    width: number,
    r0: number,
    r1: number,
    r2: number,
    r3: number,
    t0: number,
    t1: number,
    t2: number,
    t3: number,
    out: Float64Array,
    stride: number,
    scale: number,
    count: number,
  ): void {
    const { ints, roots } = this;
    let n0 = roots[t0];
    let n1 = roots[t1];
    let n2 = roots[t2];
    let n3 = roots[t3];
    let f0 = ints[4 * n0 + 2];
    let f1 = ints[4 * n1 + 2];
    let f2 = ints[4 * n2 + 2];
    let f3 = ints[4 * n3 + 2];
    while (f0 >= 0 || f1 >= 0 || f2 >= 0 || f3 >= 0) {
      if (f0 >= 0) {
        n0 = this.next(n0, x[r0 * width + f0]);
        f0 = ints[4 * n0 + 2];
      }
      if (f1 >= 0) {
        n1 = this.next(n1, x[r1 * width + f1]);
        f1 = ints[4 * n1 + 2];
      }
      if (f2 >= 0) {
        n2 = this.next(n2, x[r2 * width + f2]);
        f2 = ints[4 * n2 + 2];
      }
      if (f3 >= 0) {
        n3 = this.next(n3, x[r3 * width + f3]);
        f3 = ints[4 * n3 + 2];
      }
    }
    this.addLeaf(n0, f0, r0, t0, out, stride, scale);
    if (count === 1) return;
    this.addLeaf(n1, f1, r1, t1, out, stride, scale);
    this.addLeaf(n2, f2, r2, t2, out, stride, scale);
    this.addLeaf(n3, f3, r3, t3, out, stride, scale);
  }

  /** The child of split `node` that value `v` goes to (NaN follows the split's missing direction). */
  private next(node: number, v: number): number {
    const threshold = this.numbers[2 * node];
    if (v <= threshold) return node + 1;
    if (v > threshold || this.missingLeft[node] === 0) return this.ints[4 * node + 3];
    return node + 1;
  }

  /** Adds leaf `node`'s output (`f` is its encoded leaf index) to row `row`'s channel of tree `t`. */
  private addLeaf(
    node: number,
    f: number,
    row: number,
    t: number,
    out: Float64Array,
    stride: number,
    scale: number,
  ): void {
    const { channels } = this;
    const target = row * stride + this.channelOf(t);
    if (channels === 1) {
      out[target] += scale * this.numbers[2 * node];
      return;
    }
    const source = (-1 - f) * channels;
    for (let c = 0; c < channels; c += 1) out[target + c] += scale * this.leafValues[source + c];
  }
}

/** True when the `width` values from `base` hold no NaN (the branch-free walk sends NaN left). */
function hasNoMissing(x: Float64Array, base: number, width: number): boolean {
  for (let i = base; i < base + width; i += 1) if (Number.isNaN(x[i])) return false;
  return true;
}
