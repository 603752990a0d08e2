import type { SplitResult } from './SplitFinder';
import { referenceArray } from './stableArrays';
import type { NodeRows } from './treeTypes';

/**
 * The nodes of the tree being grown, one typed array per field, reused from tree to
 * tree. A fully grown forest makes millions of nodes; as objects (with their sums'
 * arrays and split results) they outlived the young generation's collections while
 * their tree grew, so the collector copied and then promoted them: a 100-tree forest
 * on 20,000 × 10 spent about as much CPU there as in its histograms. A node here is an
 * index, and its split (for an open node) is stored beside it.
 */
export class NodeTable {
  count = 0;
  start: Int32Array;
  end: Int32Array;
  depth: Int32Array;
  /** Gradient sums, `channels` per node. */
  g: Float64Array;
  h: Float64Array;
  n: Float64Array;
  /** The split made (−1 for a leaf), its threshold and its children. */
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  /** The best split found for an open node: its feature (−1 when none), bin, threshold and gain. */
  splitFeature: Int32Array;
  splitBin: Int32Array;
  splitThreshold: Float64Array;
  splitGain: Float64Array;
  /** The left side's sums of that split (the right side's are the node's minus these). */
  splitLeftG: Float64Array;
  splitLeftH: Float64Array;
  splitLeftN: Float64Array;
  /** Dense histograms and known constant features: references, so plain arrays. */
  hist: (Float64Array | null)[] = referenceArray();
  constants: (Int32Array | undefined)[] = referenceArray();
  splitConstants: (Int32Array | undefined)[] = referenceArray();
  private capacity: number;

  constructor(
    private readonly channels: number,
    capacity: number,
  ) {
    this.capacity = Math.max(1, capacity);
    const size = this.capacity;
    this.start = new Int32Array(size);
    this.end = new Int32Array(size);
    this.depth = new Int32Array(size);
    this.g = new Float64Array(size * channels);
    this.h = new Float64Array(size);
    this.n = new Float64Array(size);
    this.feature = new Int32Array(size);
    this.threshold = new Float64Array(size);
    this.left = new Int32Array(size);
    this.right = new Int32Array(size);
    this.splitFeature = new Int32Array(size);
    this.splitBin = new Int32Array(size);
    this.splitThreshold = new Float64Array(size);
    this.splitGain = new Float64Array(size);
    this.splitLeftG = new Float64Array(size * channels);
    this.splitLeftH = new Float64Array(size);
    this.splitLeftN = new Float64Array(size);
  }

  /** Empties the table for the next tree (its arrays stay). */
  reset(): void {
    this.count = 0;
  }

  /**
   * A new leaf over `sample[start…end)` at `depth`, with zero sums and no split. The
   * arrays may be replaced by larger ones: read them through the table after a call.
   */
  add(start: number, end: number, depth: number): number {
    if (this.count === this.capacity) this.enlarge();
    const id = this.count++;
    const { channels } = this;
    this.start[id] = start;
    this.end[id] = end;
    this.depth[id] = depth;
    this.g.fill(0, id * channels, (id + 1) * channels);
    this.h[id] = 0;
    this.n[id] = 0;
    this.feature[id] = -1;
    this.threshold[id] = 0;
    this.left[id] = -1;
    this.right[id] = -1;
    this.splitFeature[id] = -1;
    this.hist[id] = null;
    this.constants[id] = undefined;
    this.splitConstants[id] = undefined;
    return id;
  }

  /** Loads node `id` into `view` (whose `g` has `channels` entries), for the split search. */
  read(id: number, view: NodeRows): NodeRows {
    const { channels } = this;
    view.start = this.start[id];
    view.end = this.end[id];
    for (let c = 0; c < channels; c += 1) view.g[c] = this.g[id * channels + c];
    view.h = this.h[id];
    view.n = this.n[id];
    view.constants = this.constants[id];
    return view;
  }

  /** Stores the sums in `view` as node `id`'s. */
  writeSums(id: number, view: NodeRows): void {
    const { channels } = this;
    for (let c = 0; c < channels; c += 1) this.g[id * channels + c] = view.g[c];
    this.h[id] = view.h;
    this.n[id] = view.n;
  }

  /** Stores `split` as node `id`'s best split. */
  writeSplit(id: number, split: SplitResult): void {
    const { channels } = this;
    this.splitFeature[id] = split.feature;
    this.splitBin[id] = split.bin;
    this.splitThreshold[id] = split.threshold;
    this.splitGain[id] = split.gain;
    for (let c = 0; c < channels; c += 1) this.splitLeftG[id * channels + c] = split.leftG[c];
    this.splitLeftH[id] = split.leftH;
    this.splitLeftN[id] = split.leftN;
    this.splitConstants[id] = split.constants;
  }

  private enlarge(): void {
    const size = this.capacity * 2;
    const { channels } = this;
    const int = (old: Int32Array, width = 1): Int32Array => {
      const next = new Int32Array(size * width);
      next.set(old);
      return next;
    };
    const float = (old: Float64Array, width = 1): Float64Array => {
      const next = new Float64Array(size * width);
      next.set(old);
      return next;
    };
    this.start = int(this.start);
    this.end = int(this.end);
    this.depth = int(this.depth);
    this.g = float(this.g, channels);
    this.h = float(this.h);
    this.n = float(this.n);
    this.feature = int(this.feature);
    this.threshold = float(this.threshold);
    this.left = int(this.left);
    this.right = int(this.right);
    this.splitFeature = int(this.splitFeature);
    this.splitBin = int(this.splitBin);
    this.splitThreshold = float(this.splitThreshold);
    this.splitGain = float(this.splitGain);
    this.splitLeftG = float(this.splitLeftG, channels);
    this.splitLeftH = float(this.splitLeftH);
    this.splitLeftN = float(this.splitLeftN);
    this.capacity = size;
  }
}
