import { MISSING_BIN } from './FeatureBinner';
import { BINS, type HistogramBuilder } from './HistogramBuilder';
import type { GrowOptions } from './TreeGrower';

/** The best split of a node: rows with `bin ≤ bin` of `feature` go left. */
export interface SplitCandidate {
  feature: number;
  bin: number;
  gain: number;
  leftG: Float64Array;
  leftH: number;
  leftN: number;
}

/** The node statistics the search needs. */
interface NodeTotals {
  start: number;
  end: number;
  g: Float64Array;
  h: number;
  n: number;
}

/**
 * Scans the histogram of each candidate feature bin by bin (missing values stay on the
 * right) for the split with the largest gain `Σ G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)`
 * that keeps `minSamplesLeaf` rows and `minHessianLeaf` hessian on both sides, over
 * `maxFeatures` features drawn lazily at random (all of them when that is the width). Reads
 * the node's dense histogram when it has one, else builds each feature's sparsely.
 * Returns null when no split improves on the node.
 */
export function findBestSplit(
  builder: HistogramBuilder,
  node: NodeTotals,
  sample: Int32Array,
  features: Int32Array,
  options: GrowOptions,
  hist: Float64Array | null,
): SplitCandidate | null {
  const width = features.length;
  const random = options.maxFeatures < width ? options.random! : null;
  let visited = 0;
  const { stride, binCounts } = builder;
  const channels = stride - 2;
  const { l2, minSamplesLeaf, minHessianLeaf } = options;
  let parentScore = 0;
  for (let c = 0; c < channels; c += 1) parentScore += (node.g[c] * node.g[c]) / (node.h + l2);
  // Gains below rounding noise (e.g. on a pure node) are not splits.
  let bestGain = 1e-12 * Math.abs(parentScore);
  let bestFeature = -1;
  let bestBin = -1;
  let bestH = 0;
  let bestN = 0;
  const bestG = builder.bestG;
  const leftG = builder.leftG;
  for (let f = 0; f < width && visited < options.maxFeatures; f += 1) {
    if (random) {
      // Lazy Fisher–Yates: draw the next feature only when it is needed.
      const j = f + Math.floor(random() * (width - f));
      const t = features[f];
      features[f] = features[j];
      features[j] = t;
    }
    const feature = features[f];
    let source: Float64Array;
    let base: number;
    let used: number;
    if (hist) {
      source = hist;
      base = feature * BINS * stride;
      used = binCounts[feature];
    } else {
      source = builder.sparse;
      base = 0;
      used = builder.buildSparse(sample, node.start, node.end, feature);
      // As scikit-learn: a feature constant in this node is not counted as one of the
      // max_features tried, so the search goes on to another one.
      if (used < 2) {
        builder.clearSparse(used);
        continue;
      }
    }
    visited += 1;
    const touched = builder.touched;
    let leftH = 0;
    let leftN = 0;
    if (channels === 1) {
      // One channel (boosting, binary and regression forests): the common, hot case.
      const g = node.g[0];
      const h = node.h;
      const n = node.n;
      let left = 0;
      for (let i = 0; i < used; i += 1) {
        const bin = hist ? i : touched[i];
        if (bin === MISSING_BIN) break;
        const slot = base + bin * 3;
        const count = source[slot + 2];
        if (count === 0) continue;
        left += source[slot];
        leftH += source[slot + 1];
        leftN += count;
        if (leftN < minSamplesLeaf) continue;
        if (n - leftN < minSamplesLeaf) break;
        const rightH = h - leftH;
        if (leftH < minHessianLeaf || rightH < minHessianLeaf) continue;
        const right = g - left;
        const gain = (left * left) / (leftH + l2) + (right * right) / (rightH + l2) - parentScore;
        if (gain > bestGain) {
          bestGain = gain;
          bestFeature = feature;
          bestBin = bin;
          bestH = leftH;
          bestN = leftN;
          bestG[0] = left;
        }
      }
      if (!hist) builder.clearSparse(used);
      continue;
    }
    leftG.fill(0);
    for (let i = 0; i < used; i += 1) {
      const bin = hist ? i : touched[i];
      if (bin === MISSING_BIN) break;
      const slot = base + bin * stride;
      const count = source[slot + channels + 1];
      if (count === 0) continue;
      leftH += source[slot + channels];
      leftN += count;
      for (let c = 0; c < channels; c += 1) leftG[c] += source[slot + c];
      if (leftN < minSamplesLeaf) continue;
      if (node.n - leftN < minSamplesLeaf) break;
      const rightH = node.h - leftH;
      if (leftH < minHessianLeaf || rightH < minHessianLeaf) continue;
      let score = 0;
      for (let c = 0; c < channels; c += 1) {
        const rightG = node.g[c] - leftG[c];
        score += (leftG[c] * leftG[c]) / (leftH + l2) + (rightG * rightG) / (rightH + l2);
      }
      const gain = score - parentScore;
      if (gain > bestGain) {
        bestGain = gain;
        bestFeature = feature;
        bestBin = bin;
        bestH = leftH;
        bestN = leftN;
        bestG.set(leftG);
      }
    }
    if (!hist) builder.clearSparse(used);
  }
  if (bestFeature < 0) return null;
  return {
    feature: bestFeature,
    bin: bestBin,
    gain: bestGain,
    leftG: bestG.slice(),
    leftH: bestH,
    leftN: bestN,
  };
}
