import { FlatTree } from './FlatTree';
import { HistogramBuilder } from './HistogramBuilder';
import { SplitFinder, type SplitResult } from './SplitFinder';
import type { GrowOptions, GrowTargets, NodeRows } from './treeTypes';

// The package's entry exports the grower's option types from here.
export type { GrowOptions, GrowTargets } from './treeTypes';

/** A grown tree plus where its leaves' rows ended up (for updating training predictions). */
export interface GrownTree {
  tree: FlatTree;
  /** For each leaf: its node id, and its rows as `sample[start…end)`. */
  leafNodes: Int32Array;
  leafStarts: Int32Array;
  leafEnds: Int32Array;
}

interface Node extends NodeRows {
  id: number;
  depth: number;
  hist: Float64Array | null;
  split: SplitResult | null;
  feature: number;
  threshold: number;
  left: number;
  right: number;
}

/**
 * Below this many rows a node's histograms are not kept for the subtraction trick (each
 * feature's histogram is then summed on its own, over the node's rows only). Measured
 * with the WebAssembly dense build: 64 fitted 100-round boosting on 40,000 × 20 and a
 * fully grown forest on 20,000 × 10 faster than 256 (which suited the JavaScript build)
 * and than 32 (too many dense histograms for nodes of a few rows).
 */
const DENSE_MIN_ROWS = 64;

/**
 * Grows regression trees on binned features from gradients and hessians, the engine
 * of the forests and boosting: per-node histograms of (gradient, hessian, count) per
 * bin, the sibling-subtraction trick (build the smaller child's histogram, derive the
 * larger one from its parent's), best-first growth under a leaf budget (or depth-first
 * without one), and in-place stable partitioning of a row index array. A node's value
 * is `-shrinkage · G / (H + λ)`, which with gradient `-w·y` and hessian `w` is the
 * weighted mean (forests) and with log-loss derivatives a Newton step (boosting).
 */
export class TreeGrower {
  private readonly builder: HistogramBuilder;
  private readonly finder: SplitFinder;
  private readonly scratch: Int32Array;
  private readonly canSubtract: boolean;

  constructor(
    private readonly binned: Uint8Array,
    private readonly rows: number,
    width: number,
    edges: Float64Array[],
    private readonly channels: number,
    private readonly options: GrowOptions,
  ) {
    this.canSubtract = options.maxFeatures >= width;
    // Dense histograms are alive for open nodes only: at most the leaf budget best-first;
    // depth-first, about one per level of the nodes still waiting.
    const live = !this.canSubtract
      ? 1
      : Number.isFinite(options.maxLeafNodes)
        ? options.maxLeafNodes + 2
        : 64;
    this.builder = new HistogramBuilder(
      binned,
      rows,
      width,
      channels,
      Int32Array.from(edges, (edge) => edge.length + 1),
      live,
    );
    this.finder = new SplitFinder(this.builder, edges, options);
    this.scratch = new Int32Array(rows);
  }

  /**
   * Grows one tree on `given[0…size)` (row indices; reordered in place so that each
   * leaf's rows are contiguous).
   */
  grow(targets: GrowTargets, given: Int32Array, size: number): GrownTree {
    const { options, channels } = this;
    this.builder.setTargets(targets);
    // With the WebAssembly kernel the rows are partitioned in its memory, where its
    // histogram builds read them; the caller's array gets the final order back.
    const kernel = this.builder.kernel;
    const sample = kernel ? kernel.treeSample : given;
    if (kernel) sample.set(given.subarray(0, size));
    const nodes: Node[] = [];
    const root = this.createNode(nodes, 0, size, 0, new Array<number>(channels).fill(0));
    this.builder.totals(sample, 0, size, root);
    this.evaluate(root, sample, true);
    const open: Node[] = root.split ? [root] : [];
    let leaves = 1;
    while (open.length > 0 && leaves < options.maxLeafNodes) {
      const parent = this.takeNext(open);
      leaves += 1;
      const wantsSplits = leaves < options.maxLeafNodes;
      const [left, right] = this.split(nodes, parent, sample, wantsSplits);
      if (left.split) open.push(left);
      if (right.split) open.push(right);
    }
    for (const node of open) this.builder.release(node.hist);
    if (kernel) given.set(sample.subarray(0, size));
    return this.finish(nodes, channels);
  }

  /** Best-first under a leaf budget (ties go to the older node); depth-first otherwise. */
  private takeNext(open: Node[]): Node {
    if (!Number.isFinite(this.options.maxLeafNodes)) return open.pop()!;
    let best = 0;
    for (let i = 1; i < open.length; i += 1) if (open[i].split!.gain > open[best].split!.gain) best = i;
    const node = open[best];
    open.splice(best, 1);
    return node;
  }

  /** A new node over `sample[start…end)` with gradient sums `g` (its own; hessian and count 0). */
  private createNode(nodes: Node[], start: number, end: number, depth: number, g: number[]): Node {
    const node: Node = {
      id: nodes.length,
      start,
      end,
      depth,
      g,
      h: 0,
      n: 0,
      hist: null,
      split: null,
      feature: -1,
      threshold: 0,
      left: -1,
      right: -1,
    };
    nodes.push(node);
    return node;
  }

  private splittable(node: Node): boolean {
    const { minSamplesLeaf, minSamplesSplit, minHessianLeaf, maxDepth } = this.options;
    return (
      node.depth < maxDepth &&
      node.end - node.start >= 2 &&
      node.n >= 2 * minSamplesLeaf &&
      node.n >= minSamplesSplit &&
      node.h >= 2 * minHessianLeaf
    );
  }

  /** Finds the node's best split (null when none improves); builds its histogram first if `build`. */
  private evaluate(node: Node, sample: Int32Array, build: boolean): void {
    if (!this.splittable(node)) {
      this.builder.release(node.hist);
      node.hist = null;
      return;
    }
    const rows = node.end - node.start;
    if (build && this.canSubtract && rows >= DENSE_MIN_ROWS) {
      node.hist = this.builder.acquire();
      this.builder.buildDense(node.hist, sample, node.start, node.end);
    }
    node.split = this.finder.findBestSplit(node, sample, node.hist);
    if (!node.split) {
      this.builder.release(node.hist);
      node.hist = null;
    }
  }

  /** Partitions the parent's rows, creates both children and evaluates their splits. */
  private split(nodes: Node[], parent: Node, sample: Int32Array, wantsSplits: boolean): [Node, Node] {
    const split = parent.split!;
    const middle = this.partition(sample, parent.start, parent.end, split.feature, split.bin);
    parent.feature = split.feature;
    parent.threshold = split.threshold;
    // The children take the split's sums as their own.
    const left = this.createNode(nodes, parent.start, middle, parent.depth + 1, split.leftG);
    const right = this.createNode(nodes, middle, parent.end, parent.depth + 1, split.rightG);
    left.constants = split.constants;
    right.constants = split.constants;
    parent.left = left.id;
    parent.right = right.id;
    left.h = split.leftH;
    left.n = split.leftN;
    right.h = split.rightH;
    right.n = split.rightN;
    if (!wantsSplits) {
      this.builder.release(parent.hist);
      parent.hist = null;
      return [left, right];
    }
    const leftSmaller = middle - parent.start <= parent.end - middle;
    const small = leftSmaller ? left : right;
    const large = leftSmaller ? right : left;
    if (parent.hist && this.splittable(large) && large.end - large.start >= DENSE_MIN_ROWS) {
      // Sibling subtraction: the larger child's histogram is the parent's minus the smaller's.
      small.hist = this.builder.acquire();
      this.builder.buildDense(small.hist, sample, small.start, small.end);
      this.builder.subtract(parent.hist, small.hist);
      large.hist = parent.hist;
      parent.hist = null;
      this.evaluate(left, sample, false);
      this.evaluate(right, sample, false);
    } else {
      this.builder.release(parent.hist);
      parent.hist = null;
      this.evaluate(left, sample, true);
      this.evaluate(right, sample, true);
    }
    return [left, right];
  }

  /** Stable in-place partition: rows with bin ≤ `bin` first. Returns the boundary. */
  private partition(sample: Int32Array, start: number, end: number, feature: number, bin: number): number {
    const { kernel } = this.builder;
    if (kernel && sample === kernel.treeSample) return kernel.partition(start, end, feature, bin);
    const column = feature * this.rows;
    const { binned, scratch } = this;
    let write = start;
    let spill = 0;
    for (let i = start; i < end; i += 1) {
      const row = sample[i];
      if (binned[column + row] <= bin) sample[write++] = row;
      else scratch[spill++] = row;
    }
    sample.set(scratch.subarray(0, spill), write);
    return write;
  }

  private finish(nodes: Node[], channels: number): GrownTree {
    const count = nodes.length;
    // Renumber in depth-first preorder: a left child right after its parent keeps the
    // path a prediction walks close together in memory.
    const order = new Int32Array(count);
    const renamed = new Int32Array(count);
    const stack = [0];
    let next = 0;
    while (stack.length > 0) {
      const id = stack.pop()!;
      renamed[id] = next;
      order[next++] = id;
      if (nodes[id].feature >= 0) stack.push(nodes[id].right, nodes[id].left);
    }
    const feature = new Int32Array(count);
    const threshold = new Float64Array(count);
    const left = new Int32Array(count);
    const right = new Int32Array(count);
    const value = new Float64Array(count * channels);
    const cover = new Float64Array(count);
    const leafNodes: number[] = [];
    const leafIds: number[] = [];
    const { l2, shrinkage } = this.options;
    for (let position = 0; position < count; position += 1) {
      const node = nodes[order[position]];
      feature[position] = node.feature;
      threshold[position] = node.threshold;
      left[position] = node.feature >= 0 ? renamed[node.left] : -1;
      right[position] = node.feature >= 0 ? renamed[node.right] : -1;
      cover[position] = node.n;
      if (node.feature >= 0) continue;
      leafNodes.push(position);
      leafIds.push(node.id);
      for (let c = 0; c < channels; c += 1)
        value[position * channels + c] = node.h + l2 > 0 ? (-shrinkage * node.g[c]) / (node.h + l2) : 0;
    }
    const leaves = Int32Array.from(leafNodes);
    const leafStarts = new Int32Array(leaves.length);
    const leafEnds = new Int32Array(leaves.length);
    for (let i = 0; i < leaves.length; i += 1) {
      leafStarts[i] = nodes[leafIds[i]].start;
      leafEnds[i] = nodes[leafIds[i]].end;
    }
    return {
      tree: new FlatTree(feature, threshold, left, right, value, channels, cover),
      leafNodes: leaves,
      leafStarts,
      leafEnds,
    };
  }
}
