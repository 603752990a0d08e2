import { BINS, MISSING_BIN } from './FeatureBinner';
import type { HistogramBuilder } from './HistogramBuilder';
import { doubleArray } from './stableArrays';
import type { GrowOptions, NodeRows } from './treeTypes';

/**
 * The best split of a node: rows whose `feature` falls in bin ≤ `bin` (raw value ≤
 * `threshold`) go left; the rest, and missing values, go right. The arrays are the
 * result's own, or those of the `into` result the caller handed in.
 */
export interface SplitResult {
  feature: number;
  bin: number;
  /** The bin's upper edge in raw units; `Infinity` when every non-missing value goes left. */
  threshold: number;
  /** `Σ G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)`, summed over channels. */
  gain: number;
  leftG: number[];
  leftH: number;
  leftN: number;
  rightG: number[];
  rightH: number;
  rightN: number;
  /** Features constant over the node's rows (the node's known ones and any this search found): so in both children too. */
  constants: Int32Array;
}

/**
 * The split search of the tree learner. Scans the histogram of each candidate feature
 * bin by bin (missing values stay on the right) for the split with the largest gain
 * that keeps `minSamplesLeaf` rows and `minHessianLeaf` hessian on both sides, over
 * `maxFeatures` features drawn lazily at random (all of them when that is the width).
 * It owns its scratch buffers (running sums, the sparse one-feature histogram, the
 * feature order) and reuses them from node to node, so the scan allocates nothing.
 */
export class SplitFinder {
  private readonly channels: number;
  private readonly binCounts: Int32Array;
  /** Running left sums, and those of the best split so far: gradients per channel, hessian, count. */
  private readonly left: Float64Array;
  private readonly best: Float64Array;
  /** One feature's histogram for nodes without a dense one; all zeros between features. */
  private readonly sparse: Float64Array;
  /** The bins of {@link sparse} in use, ascending. */
  private readonly touched: Int32Array;
  /** Feature indices; shuffled in place, draw by draw, when features are sampled. */
  private readonly features: Int32Array;
  /** Marks of a node's known constant features while its order is built; all zeros between nodes. */
  private readonly isConstant: Uint8Array;
  /** Features this search found constant, `found[0…foundCount)`. */
  private readonly found: Int32Array;

  constructor(
    private readonly builder: HistogramBuilder,
    /** Per feature, the upper edges of its value bins (FeatureBinner's `edges`). */
    private readonly edges: readonly Float64Array[],
    private readonly options: GrowOptions,
  ) {
    this.channels = builder.stride - 2;
    this.binCounts = Int32Array.from(edges, (edge) => edge.length + 1);
    this.left = new Float64Array(builder.stride);
    this.best = new Float64Array(builder.stride);
    this.sparse = new Float64Array(BINS * builder.stride);
    this.touched = new Int32Array(BINS);
    this.features = Int32Array.from({ length: edges.length }, (_, i) => i);
    this.isConstant = new Uint8Array(edges.length);
    this.found = new Int32Array(edges.length);
  }

  /**
   * The best split of the node with rows `sample[node.start…node.end)` and sums `node`:
   * read from its dense histogram `hist` when it has one, else from each feature's
   * histogram built sparsely. Returns null when no split improves on the node. With
   * `into` (from {@link createSplitResult}) the split is written there, and nothing is
   * allocated unless a constant feature is found.
   */
  findBestSplit(
    node: NodeRows,
    sample: Int32Array,
    hist: Float64Array | null,
    into?: SplitResult,
  ): SplitResult | null {
    const { builder, features, binCounts, channels, sparse, touched, left, best } = this;
    const width = features.length;
    const random = this.options.maxFeatures < width ? this.options.random! : null;
    // The candidates in their own order, then the features an ancestor found constant (as
    // scikit-learn's splitter: they are not scanned again, nor drawn). Rebuilt per node, so
    // a tree depends on its random stream alone, not on the nodes searched before.
    const known = node.constants;
    let candidates = width;
    if (known && known.length > 0) {
      const { isConstant } = this;
      for (let k = 0; k < known.length; k += 1) isConstant[known[k]] = 1;
      let at = 0;
      for (let f = 0; f < width; f += 1) if (isConstant[f] === 0) features[at++] = f;
      candidates = at;
      for (let k = 0; k < known.length; k += 1) {
        features[at++] = known[k];
        isConstant[known[k]] = 0;
      }
    } else {
      for (let f = 0; f < width; f += 1) features[f] = f;
    }
    let foundCount = 0;
    let visited = 0;
    const stride = builder.stride;
    const { l2, minSamplesLeaf, minHessianLeaf, maxFeatures } = this.options;
    const { kernel } = builder;
    // One channel without a dense histogram: each feature is summed and scanned in the kernel.
    if (channels === 1 && !hist) kernel?.loadSample(sample, node.start, node.end);
    let parentScore = 0;
    for (let c = 0; c < channels; c += 1) parentScore += (node.g[c] * node.g[c]) / (node.h + l2);
    // Gains below rounding noise (e.g. on a pure node) are not splits.
    let bestGain = 1e-12 * Math.abs(parentScore);
    let bestFeature = -1;
    let bestBin = -1;
    for (let f = 0; f < candidates && visited < maxFeatures; f += 1) {
      if (random) {
        // Lazy Fisher–Yates: draw the next feature only when it is needed.
        const j = f + Math.floor(random() * (candidates - f));
        const t = features[f];
        features[f] = features[j];
        features[j] = t;
      }
      const feature = features[f];
      if (channels === 1 && kernel && (!hist || kernel.owns(hist))) {
        // One channel in the kernel: the dense histogram's scan, or (no dense histogram) the
        // feature summed and scanned in one call.
        const bin = hist
          ? kernel.scan(
              hist,
              builder.histAt[feature],
              binCounts[feature],
              node,
              l2,
              minSamplesLeaf,
              minHessianLeaf,
              parentScore,
              bestGain,
            )
          : kernel.scanSparse(feature, node, l2, minSamplesLeaf, minHessianLeaf, parentScore, bestGain);
        // As scikit-learn: a feature constant in this node is not counted as one of the
        // max_features tried, so the search goes on to another one.
        if (!hist && kernel.touchedBins < 2) {
          this.found[foundCount++] = feature;
          continue;
        }
        visited += 1;
        if (bin >= 0) {
          const { found } = kernel;
          bestGain = found[0];
          bestFeature = feature;
          bestBin = bin;
          best[0] = found[1];
          best[1] = found[2];
          best[2] = found[3];
        }
        continue;
      }
      let source: Float64Array;
      let base: number;
      let used: number;
      if (hist) {
        source = hist;
        base = builder.histAt[feature];
        used = binCounts[feature];
      } else {
        source = sparse;
        base = 0;
        used = builder.buildSparse(sparse, touched, sample, node.start, node.end, feature);
        // As scikit-learn: a feature constant in this node is not counted as one of the
        // max_features tried, so the search goes on to another one.
        if (used < 2) {
          builder.clearSparse(sparse, touched, used);
          this.found[foundCount++] = feature;
          continue;
        }
      }
      visited += 1;
      if (channels === 1) {
        // One channel (boosting, binary and regression forests): the common, hot case.
        const g = node.g[0];
        const h = node.h;
        const n = node.n;
        let leftG = 0;
        let leftH = 0;
        let leftN = 0;
        for (let i = 0; i < used; i += 1) {
          const bin = hist ? i : touched[i];
          if (bin === MISSING_BIN) break;
          const slot = base + bin * 3;
          const count = source[slot + 2];
          if (count === 0) continue;
          leftG += source[slot];
          leftH += source[slot + 1];
          leftN += count;
          if (leftN < minSamplesLeaf) continue;
          if (n - leftN < minSamplesLeaf) break;
          const rightH = h - leftH;
          if (leftH < minHessianLeaf || rightH < minHessianLeaf) continue;
          const rightG = g - leftG;
          const gain = (leftG * leftG) / (leftH + l2) + (rightG * rightG) / (rightH + l2) - parentScore;
          if (gain > bestGain) {
            bestGain = gain;
            bestFeature = feature;
            bestBin = bin;
            best[0] = leftG;
            best[1] = leftH;
            best[2] = leftN;
          }
        }
        if (!hist) builder.clearSparse(sparse, touched, used);
        continue;
      }
      // Several channels (multiclass forests): the running left sums as one histogram slot,
      // gradients then hessian then count, summed slot by slot.
      left.fill(0);
      for (let i = 0; i < used; i += 1) {
        const bin = hist ? i : touched[i];
        if (bin === MISSING_BIN) break;
        const slot = base + bin * stride;
        if (source[slot + channels + 1] === 0) continue;
        for (let k = 0; k < stride; k += 1) left[k] += source[slot + k];
        const leftH = left[channels];
        const leftN = left[channels + 1];
        if (leftN < minSamplesLeaf) continue;
        if (node.n - leftN < minSamplesLeaf) break;
        const rightH = node.h - leftH;
        if (leftH < minHessianLeaf || rightH < minHessianLeaf) continue;
        let score = 0;
        for (let c = 0; c < channels; c += 1) {
          const rightG = node.g[c] - left[c];
          score += (left[c] * left[c]) / (leftH + l2) + (rightG * rightG) / (rightH + l2);
        }
        if (score - parentScore > bestGain) {
          bestGain = score - parentScore;
          bestFeature = feature;
          bestBin = bin;
          best.set(left);
        }
      }
      if (!hist) builder.clearSparse(sparse, touched, used);
    }
    if (bestFeature < 0) return null;
    const result = into ?? createSplitResult(channels);
    for (let c = 0; c < channels; c += 1) {
      result.leftG[c] = best[c];
      result.rightG[c] = node.g[c] - best[c];
    }
    const edge = this.edges[bestFeature];
    result.feature = bestFeature;
    result.bin = bestBin;
    result.threshold = bestBin >= edge.length ? Number.POSITIVE_INFINITY : edge[bestBin];
    result.gain = bestGain;
    result.leftH = best[channels];
    result.leftN = best[channels + 1];
    result.rightH = node.h - best[channels];
    result.rightN = node.n - best[channels + 1];
    result.constants = withFound(known, this.found, foundCount);
    return result;
  }
}

/** A split result with room for `channels` sums, for {@link SplitFinder.findBestSplit}'s `into`. */
export function createSplitResult(channels: number): SplitResult {
  return {
    feature: -1,
    bin: -1,
    threshold: 0,
    gain: 0,
    leftG: doubleArray(channels),
    leftH: 0,
    leftN: 0,
    rightG: doubleArray(channels),
    rightH: 0,
    rightN: 0,
    constants: NO_CONSTANTS,
  };
}

/** Shared by every split that knows of no constant feature (most of them): no allocation per node. */
const NO_CONSTANTS = new Int32Array(0);

/** The node's known constant features and the ones its search found, as one list. */
function withFound(known: Int32Array | undefined, found: Int32Array, count: number): Int32Array {
  const before = known?.length ?? 0;
  if (count === 0) return known ?? NO_CONSTANTS;
  const all = new Int32Array(before + count);
  if (known) all.set(known);
  all.set(found.subarray(0, count), before);
  return all;
}
