/**
 * The types the tree learner's parts share (grower, histogram builder, split finder),
 * in a file of their own so that none of those parts imports another's file for them.
 */

/** Limits and regularisation of one tree. */
export interface GrowOptions {
  /** Leaves at most; `Infinity` grows depth-first without a limit. */
  maxLeafNodes: number;
  /** Depth at most (root = 0); `Infinity` for none. */
  maxDepth: number;
  /** Smallest (weighted) number of training rows in a leaf. */
  minSamplesLeaf: number;
  /** Smallest (weighted) number of rows in a node that may be split. */
  minSamplesSplit: number;
  /** Smallest sum of hessians in a leaf. */
  minHessianLeaf: number;
  /** L2 penalty λ on leaf values: value = -G / (H + λ). */
  l2: number;
  /** Leaf values are multiplied by this (the learning rate). */
  shrinkage: number;
  /** Features drawn at random for each split (all of them when ≥ width). */
  maxFeatures: number;
  /** Uniform [0, 1) source used to draw the features of each split. */
  random?: () => number;
}

/** The per-row statistics a tree is grown from. */
export interface GrowTargets {
  /** `channels` gradients per training row. */
  gradients: Float64Array;
  /** `null` when every hessian is 1; the same array as `counts` when they are equal. */
  hessians: Float64Array | null;
  /** Row weights counted towards `minSamplesLeaf`; `null` counts 1 per row. */
  counts: Float64Array | null;
  /**
   * The rows' targets, `channels` per row (forests): a node whose rows all hold the same
   * ones is left a leaf without a split search, as scikit-learn's trees leave a node of
   * zero impurity (no split can improve it, and the search would only spend draws of the
   * feature sampler on it). Boosting leaves it out: its gradients change every round.
   */
  values?: Float64Array;
}

/** The sums over a node's rows: gradients (one per channel), hessians and (weighted) counts. */
export interface NodeSums {
  /** Plain numbers (a reused array or the split search's own), not a typed array. */
  g: number[];
  h: number;
  n: number;
}

/** A node as the split search sees it: its rows `sample[start…end)` and their sums. */
export interface NodeRows extends NodeSums {
  start: number;
  end: number;
  /** Features known to be constant over the node's rows (found so in an ancestor); never split on. */
  constants?: Int32Array;
}
