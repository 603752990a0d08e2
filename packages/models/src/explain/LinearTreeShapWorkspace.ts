import type { FlatTree } from '../trees/FlatTree';

/**
 * The scratch memory of {@link addLinearTreeShap}, sized once for a model's deepest tree,
 * widest row and most channels: per recursion level the path's product polynomial at the
 * quadrature points and the sums of the leaves below; per feature its current split factor
 * on the path; and the Gauss–Legendre points on [0, 1]. A row's explanation then allocates nothing.
 */
export class LinearTreeShapWorkspace {
  /** Quadrature points on (0, 1) and their weights (they sum to 1). */
  readonly points: Float64Array;
  readonly weights: Float64Array;
  /** `(depth + 2) × points`: the product of the path's split factors at each point, per level. */
  readonly product: Float64Array;
  /** `(depth + 2) × points × channels`: Σ over the leaves below of leaf value × product, per level. */
  readonly sums: Float64Array;
  /** Per feature: the zero fraction and one fraction of its merged split on the current path. */
  readonly zero: Float64Array;
  readonly one: Float64Array;
  /** Per feature: how many splits on it the current path holds (0 = none). */
  readonly seen: Int32Array;
  /** `w_q / (1 − t_q)`: a cold branch's factor is `z (1 − t)`, so its integral needs one division by `z`. */
  readonly coldWeights: Float64Array;
  /** `(depth + 2) × points`, per level: 1 / the factor a repeated feature had above, and 1 / the hot branch's factor. */
  readonly inverseBefore: Float64Array;
  readonly inverseHot: Float64Array;

  /**
   * @param depth the deepest tree (root = 0)
   * @param width features per row
   * @param channels most outputs of one tree
   * @param distinct most distinct features on one root-to-leaf path of the trees it serves
   *   (see {@link maxDistinctFeatures}); @default min(depth, width), which bounds it
   */
  constructor(
    readonly depth: number,
    readonly width: number,
    readonly channels: number,
    distinct = Math.min(depth, width),
  ) {
    // A leaf's polynomial in one feature's Shapley weight has degree (distinct features on
    // its path) − 1; m Gauss–Legendre points integrate degree 2m − 1 exactly.
    distinct = Math.max(1, Math.min(distinct, depth, width));
    const m = Math.max(1, Math.ceil(distinct / 2));
    const { points, weights } = gaussLegendreUnit(m);
    this.points = points;
    this.weights = weights;
    this.product = new Float64Array((depth + 2) * m);
    this.sums = new Float64Array((depth + 2) * m * channels);
    this.zero = new Float64Array(width);
    this.one = new Float64Array(width);
    this.seen = new Int32Array(width);
    this.coldWeights = Float64Array.from(weights, (wq, q) => wq / (1 - points[q]));
    this.inverseBefore = new Float64Array((depth + 2) * m);
    this.inverseHot = new Float64Array((depth + 2) * m);
  }
}

/**
 * The `m` Gauss–Legendre points and weights mapped to [0, 1]: `Σ w_q p(t_q) = ∫₀¹ p(t) dt`
 * for every polynomial of degree ≤ 2m − 1. Newton's method on the Legendre polynomial from
 * the usual cosine guesses, to full double precision.
 */
export function gaussLegendreUnit(m: number): { points: Float64Array; weights: Float64Array } {
  const points = new Float64Array(m);
  const weights = new Float64Array(m);
  for (let k = 0; k < m; k += 1) {
    let x = Math.cos((Math.PI * (k + 0.75)) / (m + 0.5));
    let derivative = 1;
    for (let iteration = 0; iteration < 100; iteration += 1) {
      // P_m(x) and P_m'(x) by the three-term recurrence.
      let p0 = 1;
      let p1 = x;
      for (let n = 2; n <= m; n += 1) {
        const p2 = ((2 * n - 1) * x * p1 - (n - 1) * p0) / n;
        p0 = p1;
        p1 = p2;
      }
      const pm = m === 1 ? x : p1;
      const pPrev = m === 1 ? 1 : p0;
      derivative = (m * (x * pm - pPrev)) / (x * x - 1);
      const step = pm / derivative;
      x -= step;
      if (Math.abs(step) < 1e-16) break;
    }
    points[k] = (1 - x) / 2;
    weights[k] = 1 / ((1 - x * x) * derivative * derivative);
  }
  return { points, weights };
}

/**
 * The most distinct features on one root-to-leaf path of `tree` (a feature split twice on
 * a path counts once): what sets how many quadrature points its explanation needs.
 */
export function maxDistinctFeatures(tree: FlatTree, width: number): number {
  const { feature, left, right, nodeCount } = tree;
  // Preorder with an explicit stack; `count` is the path's splits per feature.
  const count = new Int32Array(width);
  const stack: number[] = [0];
  let distinct = 0;
  let best = 0;
  const visited = new Uint8Array(nodeCount);
  while (stack.length > 0) {
    const node = stack[stack.length - 1];
    const f = feature[node];
    if (f < 0) {
      if (distinct > best) best = distinct;
      stack.pop();
      continue;
    }
    if (visited[node] === 0) {
      visited[node] = 1;
      if (count[f] === 0) distinct += 1;
      count[f] += 1;
      stack.push(right[node], left[node]);
      continue;
    }
    // Both children done: leave the node.
    stack.pop();
    count[f] -= 1;
    if (count[f] === 0) distinct -= 1;
  }
  return best;
}
