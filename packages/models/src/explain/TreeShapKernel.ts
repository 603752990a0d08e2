import { TREESHAP_WASM } from '../generated/kernels';
import type { FlatTree } from '../trees/FlatTree';
import { instantiateKernel } from '../trees/wasmKernel';

interface KernelExports {
  setup(
    nodes: number,
    x: number,
    phi: number,
    zero: number,
    one: number,
    seen: number,
    product: number,
    sums: number,
    ones: number,
    frames: number,
    inverse: number,
    trees: number,
    count: number,
    scale: number,
  ): void;
  explainRow(): void;
}

/** One node's record in the kernel's memory (see kernels/treeshap.wat). */
const NODE_BYTES = 40;
/** Constant vectors per quadrature size (see kernels/treeshap.wat). */
const CONSTANTS = 3;
/** One level's state of the walk (see kernels/treeshap.wat). */
const FRAME_BYTES = 64;

function maxPairsOf(pairsOf: readonly number[]): number {
  return pairsOf.reduce((most, pairs) => Math.max(most, pairs), 1);
}
/** Beyond this the model keeps the JavaScript walk: a kernel's memory is a copy of its trees. */
const MAX_BYTES = 1024 * 1024 * 1024;

/** Quadrature points and weights on [0, 1] for one tree (see LinearTreeShapWorkspace). */
export interface TreeQuadrature {
  readonly points: Float64Array;
  readonly weights: Float64Array;
}

/**
 * The walk of `addLinearTreeShap` for a sum of one-output trees in WebAssembly
 * (kernels/treeshap.wat), with the quadrature points two at a time in SIMD lanes: the same
 * path products and leaf sums as the JavaScript walk, the integrals' points added in
 * another order (so contributions agree to rounding, about 1e-16 relative). The trees are
 * copied into the kernel's memory once, each node one 40-byte record in preorder (the walk
 * reads a node and its first child from neighbouring cache lines instead of seven arrays
 * megabytes apart) with its children's shares of its cover precomputed, so explaining a
 * row copies the row in and the contributions out.
 */
export class TreeShapKernel {
  /**
   * A kernel for `trees`, or `null` when the JavaScript walk must serve them: a tree with
   * several outputs per leaf (multiclass forests), or trees too large to copy.
   */
  static create(
    trees: readonly FlatTree[],
    width: number,
    outputs: number,
    firsts: Int32Array,
    quadrature: readonly TreeQuadrature[],
    depth: number,
    scale: number,
  ): TreeShapKernel | null {
    if (trees.length === 0 || trees.some((tree) => tree.channels !== 1)) return null;
    const nodes = trees.reduce((sum, tree) => sum + tree.nodeCount, 0);
    const pairsOf = quadrature.map((q) => Math.ceil(q.points.length / 2));
    const maxPairs = maxPairsOf(pairsOf);
    // Constants are per point count (two counts can share a number of pairs).
    const pointCounts = [...new Set(quadrature.map((q) => q.points.length))];
    const align = (bytes: number) => Math.ceil(bytes / 16) * 16;
    const levelBytes = (depth + 2) * maxPairs * 16;
    const layout = {
      nodes: 0,
      trees: align(nodes * NODE_BYTES),
      constants: 0,
      x: 0,
      phi: 0,
      zero: 0,
      one: 0,
      seen: 0,
      product: 0,
      sums: 0,
      ones: 0,
      frames: 0,
      inverse: 0,
      end: 0,
    };
    layout.constants = layout.trees + align(trees.length * 16);
    const constantsBytes = pointCounts.reduce(
      (sum, points) => sum + CONSTANTS * Math.ceil(points / 2) * 16,
      0,
    );
    layout.x = layout.constants + constantsBytes;
    layout.phi = layout.x + align(width * 8);
    layout.zero = layout.phi + align(outputs * width * 8);
    layout.one = layout.zero + align(width * 8);
    layout.seen = layout.one + align(width * 8);
    layout.product = layout.seen + align(width * 4);
    layout.sums = layout.product + levelBytes;
    layout.ones = layout.sums + levelBytes;
    layout.frames = layout.ones + maxPairs * 16;
    layout.inverse = layout.frames + (depth + 2) * FRAME_BYTES;
    layout.end = layout.inverse + levelBytes;
    if (layout.end > MAX_BYTES) return null;
    return new TreeShapKernel(trees, width, outputs, firsts, quadrature, pairsOf, layout, scale);
  }

  private readonly kernel: KernelExports;
  private readonly x: Float64Array;
  private readonly phi: Float64Array;

  private constructor(
    trees: readonly FlatTree[],
    private readonly width: number,
    outputs: number,
    firsts: Int32Array,
    quadrature: readonly TreeQuadrature[],
    pairsOf: number[],
    layout: Record<
      | 'nodes'
      | 'trees'
      | 'constants'
      | 'x'
      | 'phi'
      | 'zero'
      | 'one'
      | 'seen'
      | 'product'
      | 'sums'
      | 'ones'
      | 'frames'
      | 'inverse'
      | 'end',
      number
    >,
    scale: number,
  ) {
    const { exports: kernel, buffer } = instantiateKernel<KernelExports>(TREESHAP_WASM, layout.end);
    const nodes = trees.reduce((sum, tree) => sum + tree.nodeCount, 0);
    const ints = new Int32Array(buffer, layout.nodes, (nodes * NODE_BYTES) / 4);
    const floats = new Float64Array(buffer, layout.nodes, (nodes * NODE_BYTES) / 8);
    const records = new Int32Array(buffer, layout.trees, trees.length * 4);
    // One block of constants per point count: t, 1 − t and w, each `pairs × 2`.
    const constantsAt = new Map<number, number>();
    let at = layout.constants;
    let base = 0;
    trees.forEach((tree, t) => {
      const pairs = pairsOf[t];
      const { points, weights } = quadrature[t];
      let constants = constantsAt.get(points.length);
      if (constants === undefined) {
        constants = at;
        constantsAt.set(points.length, constants);
        const block = new Float64Array(buffer, constants, CONSTANTS * pairs * 2);
        const lanes = pairs * 2;
        for (let q = 0; q < lanes; q += 1) {
          // An odd count's pad lane: weight 0, and t = 0.5 keeps every factor non-zero.
          const point = q < points.length ? points[q] : 0.5;
          const weight = q < points.length ? weights[q] : 0;
          block[q] = point;
          block[lanes + q] = 1 - point;
          block[2 * lanes + q] = weight;
        }
        at += CONSTANTS * pairs * 16;
      }
      const n = tree.nodeCount;
      writePreorder(tree, base, ints, floats);
      records[4 * t] = base;
      records[4 * t + 1] = constants;
      records[4 * t + 2] = pairs;
      records[4 * t + 3] = firsts[t] * width * 8;
      base += n;
    });
    this.kernel = kernel;
    this.kernel.setup(
      layout.nodes,
      layout.x,
      layout.phi,
      layout.zero,
      layout.one,
      layout.seen,
      layout.product,
      layout.sums,
      layout.ones,
      layout.frames,
      layout.inverse,
      layout.trees,
      trees.length,
      scale,
    );
    new Float64Array(buffer, layout.ones, maxPairsOf(pairsOf) * 2).fill(1);
    this.x = new Float64Array(buffer, layout.x, width);
    this.phi = new Float64Array(buffer, layout.phi, outputs * width);
  }

  /** Adds the contributions of row `row` of `x` to `out[outBase…]`, laid out as the explainer's. */
  explainRow(x: Float64Array, row: number, out: Float64Array, outBase: number): void {
    const { width, phi } = this;
    this.x.set(x.subarray(row * width, (row + 1) * width));
    phi.fill(0);
    this.kernel.explainRow();
    for (let i = 0; i < phi.length; i += 1) out[outBase + i] += phi[i];
  }
}

/**
 * Writes `tree`'s nodes from record `base` on in preorder (a node, its left subtree, its
 * right subtree), children as global record indices: feature, left, right, missing-left
 * (i32 at 0, 4, 8, 12), threshold or a leaf's value (f64 at 16), the children's shares of
 * the node's cover (f64 at 24 and 32), as the JavaScript walk computes them.
 */
function writePreorder(tree: FlatTree, base: number, ints: Int32Array, floats: Float64Array): void {
  const { feature, threshold, left, right, value, cover, missingLeft } = tree;
  const ordered = new Int32Array(tree.nodeCount);
  // Preorder by an explicit stack (trees can be deep), then each node's new index.
  const stack = [0];
  let next = 0;
  while (stack.length > 0) {
    const node = stack.pop() as number;
    ordered[next] = node;
    next += 1;
    if (feature[node] >= 0) stack.push(right[node], left[node]);
  }
  const indexOf = new Int32Array(tree.nodeCount);
  for (let i = 0; i < next; i += 1) indexOf[ordered[i]] = i;
  const intsPer = NODE_BYTES / 4;
  const floatsPer = NODE_BYTES / 8;
  for (let i = 0; i < next; i += 1) {
    const node = ordered[i];
    const record = base + i;
    const f = feature[node];
    ints[record * intsPer] = f;
    if (f < 0) {
      floats[record * floatsPer + 2] = value[node];
      continue;
    }
    const l = left[node];
    const r = right[node];
    ints[record * intsPer + 1] = base + indexOf[l];
    ints[record * intsPer + 2] = base + indexOf[r];
    ints[record * intsPer + 3] = missingLeft[node];
    floats[record * floatsPer + 2] = threshold[node];
    // As the JavaScript walk: a split without cover splits its weight evenly.
    const total = cover[node];
    floats[record * floatsPer + 3] = total > 0 ? cover[l] / total : 0.5;
    floats[record * floatsPer + 4] = total > 0 ? cover[r] / total : 0.5;
  }
}
