import { FlatTree } from './FlatTree';
import { HistogramBuilder } from './HistogramBuilder';
import { NodeTable } from './NodeTable';
import { createSplitResult, SplitFinder, type SplitResult } from './SplitFinder';
import { doubleArray } from './stableArrays';
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
  private readonly table: NodeTable;
  /** The node the split search reads, and the split it writes: reused, not allocated per node. */
  private readonly view: NodeRows;
  private readonly found: SplitResult;
  /** The current tree's {@link GrowTargets.values}, when given. */
  private values: Float64Array | undefined;

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
    // A tree has fewer than twice as many nodes as rows; small trees never need that much.
    this.table = new NodeTable(channels, Math.min(2 * rows, 4096));
    // Every field in the kind it will hold (sums as doubles: -0, not the small integer 0), so
    // filling the view changes no map (see stableArrays.ts).
    this.view = { start: 0, end: 0, g: doubleArray(channels), h: -0, n: -0, constants: undefined };
    this.found = createSplitResult(channels);
  }

  /**
   * Grows one tree on `given[0…size)` (row indices; reordered in place so that each
   * leaf's rows are contiguous).
   */
  grow(targets: GrowTargets, given: Int32Array, size: number): GrownTree {
    const { options, table } = this;
    this.builder.setTargets(targets);
    this.values = targets.values;
    // With the WebAssembly kernel the rows are partitioned in its memory, where its
    // histogram builds read them; the caller's array gets the final order back.
    const kernel = this.builder.kernel;
    const sample = kernel ? kernel.treeSample : given;
    if (kernel) sample.set(given.subarray(0, size));
    table.reset();
    const root = table.add(0, size, 0);
    const view = table.read(root, this.view);
    this.builder.totals(sample, 0, size, view);
    table.writeSums(root, view);
    this.evaluate(root, sample, true);
    const open: number[] = table.splitFeature[root] >= 0 ? [root] : [];
    let leaves = 1;
    while (open.length > 0 && leaves < options.maxLeafNodes) {
      const parent = this.takeNext(open);
      leaves += 1;
      const wantsSplits = leaves < options.maxLeafNodes;
      const [left, right] = this.split(parent, sample, wantsSplits);
      if (table.splitFeature[left] >= 0) open.push(left);
      if (table.splitFeature[right] >= 0) open.push(right);
    }
    for (const id of open) this.builder.release(table.hist[id]);
    if (kernel) given.set(sample.subarray(0, size));
    return this.finish();
  }

  /** Ends the grower's use: its kernel's instance goes to the thread's next fit. Grow nothing after it. */
  dispose(): void {
    this.builder.dispose();
  }

  /** Best-first under a leaf budget (ties go to the older node); depth-first otherwise. */
  private takeNext(open: number[]): number {
    if (!Number.isFinite(this.options.maxLeafNodes)) return open.pop()!;
    const gain = this.table.splitGain;
    let best = 0;
    for (let i = 1; i < open.length; i += 1) if (gain[open[i]] > gain[open[best]]) best = i;
    const id = open[best];
    open.splice(best, 1);
    return id;
  }

  private splittable(id: number): boolean {
    const { minSamplesLeaf, minSamplesSplit, minHessianLeaf, maxDepth } = this.options;
    const { table } = this;
    const n = table.n[id];
    return (
      table.depth[id] < maxDepth &&
      table.end[id] - table.start[id] >= 2 &&
      n >= 2 * minSamplesLeaf &&
      n >= minSamplesSplit &&
      table.h[id] >= 2 * minHessianLeaf
    );
  }

  /** Finds the node's best split (none when none improves); builds its histogram first if `build`. */
  private evaluate(id: number, sample: Int32Array, build: boolean): void {
    const { table, builder } = this;
    if (!this.splittable(id)) {
      builder.release(table.hist[id]);
      table.hist[id] = null;
      return;
    }
    const start = table.start[id];
    const end = table.end[id];
    if (this.values && this.holdsOneValue(sample, start, end)) {
      builder.release(table.hist[id]);
      table.hist[id] = null;
      return;
    }
    if (build && this.canSubtract && end - start >= DENSE_MIN_ROWS) {
      const hist = builder.acquire();
      builder.buildDense(hist, sample, start, end);
      table.hist[id] = hist;
    }
    const split = this.finder.findBestSplit(table.read(id, this.view), sample, table.hist[id], this.found);
    if (split) {
      table.writeSplit(id, split);
    } else {
      builder.release(table.hist[id]);
      table.hist[id] = null;
    }
  }

  /** Whether every row of `sample[start…end)` has the first one's target values. */
  private holdsOneValue(sample: Int32Array, start: number, end: number): boolean {
    const values = this.values!;
    const { channels } = this;
    const first = sample[start] * channels;
    for (let i = start + 1; i < end; i += 1) {
      const at = sample[i] * channels;
      for (let c = 0; c < channels; c += 1) if (values[at + c] !== values[first + c]) return false;
    }
    return true;
  }

  /** Partitions the parent's rows, creates both children and evaluates their splits. */
  private split(parent: number, sample: Int32Array, wantsSplits: boolean): [number, number] {
    const { table, builder, channels } = this;
    const start = table.start[parent];
    const end = table.end[parent];
    const middle = this.partition(sample, start, end, table.splitFeature[parent], table.splitBin[parent]);
    table.feature[parent] = table.splitFeature[parent];
    table.threshold[parent] = table.splitThreshold[parent];
    const depth = table.depth[parent] + 1;
    const left = table.add(start, middle, depth);
    const right = table.add(middle, end, depth);
    // The children take the split's sums as their own (the right side's as the parent's
    // minus the left's, computed as the split search computes them).
    const { g, splitLeftG } = table;
    for (let c = 0; c < channels; c += 1) {
      g[left * channels + c] = splitLeftG[parent * channels + c];
      g[right * channels + c] = g[parent * channels + c] - splitLeftG[parent * channels + c];
    }
    table.h[left] = table.splitLeftH[parent];
    table.n[left] = table.splitLeftN[parent];
    table.h[right] = table.h[parent] - table.splitLeftH[parent];
    table.n[right] = table.n[parent] - table.splitLeftN[parent];
    table.constants[left] = table.splitConstants[parent];
    table.constants[right] = table.splitConstants[parent];
    table.left[parent] = left;
    table.right[parent] = right;
    const parentHist = table.hist[parent];
    table.hist[parent] = null;
    if (!wantsSplits) {
      builder.release(parentHist);
      return [left, right];
    }
    const leftSmaller = middle - start <= end - middle;
    const small = leftSmaller ? left : right;
    const large = leftSmaller ? right : left;
    if (parentHist && this.splittable(large) && table.end[large] - table.start[large] >= DENSE_MIN_ROWS) {
      // Sibling subtraction: the larger child's histogram is the parent's minus the smaller's.
      const smallHist = builder.acquire();
      builder.buildDense(smallHist, sample, table.start[small], table.end[small]);
      builder.subtract(parentHist, smallHist);
      table.hist[small] = smallHist;
      table.hist[large] = parentHist;
      this.evaluate(left, sample, false);
      this.evaluate(right, sample, false);
    } else {
      builder.release(parentHist);
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

  private finish(): GrownTree {
    const { table, channels } = this;
    const count = table.count;
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
      if (table.feature[id] >= 0) stack.push(table.right[id], table.left[id]);
    }
    const feature = new Int32Array(count);
    const threshold = new Float64Array(count);
    const left = new Int32Array(count);
    const right = new Int32Array(count);
    const value = new Float64Array(count * channels);
    const cover = new Float64Array(count);
    let leafCount = 0;
    for (let id = 0; id < count; id += 1) if (table.feature[id] < 0) leafCount += 1;
    const leafNodes = new Int32Array(leafCount);
    const leafStarts = new Int32Array(leafCount);
    const leafEnds = new Int32Array(leafCount);
    const { l2, shrinkage } = this.options;
    let leaf = 0;
    for (let position = 0; position < count; position += 1) {
      const id = order[position];
      const split = table.feature[id];
      feature[position] = split;
      threshold[position] = table.threshold[id];
      left[position] = split >= 0 ? renamed[table.left[id]] : -1;
      right[position] = split >= 0 ? renamed[table.right[id]] : -1;
      cover[position] = table.n[id];
      if (split >= 0) continue;
      leafNodes[leaf] = position;
      leafStarts[leaf] = table.start[id];
      leafEnds[leaf] = table.end[id];
      leaf += 1;
      const h = table.h[id];
      for (let c = 0; c < channels; c += 1)
        value[position * channels + c] =
          h + l2 > 0 ? (-shrinkage * table.g[id * channels + c]) / (h + l2) : 0;
    }
    return {
      tree: new FlatTree(feature, threshold, left, right, value, channels, cover),
      leafNodes,
      leafStarts,
      leafEnds,
    };
  }
}
