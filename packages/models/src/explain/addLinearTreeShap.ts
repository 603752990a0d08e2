import type { FlatTree } from '../trees/FlatTree';
import type { LinearTreeShapWorkspace } from './LinearTreeShapWorkspace';

// The walk's inputs for the current call, in module slots as in addTreeShap: the recursion
// passes only small integers, and the walk is synchronous, so two calls never interleave.
let feature: Int32Array;
let threshold: Float64Array;
let left: Int32Array;
let right: Int32Array;
let value: Float64Array;
let cover: Float64Array;
let missingLeft: Uint8Array;
let channels = 1;
let x: Float64Array;
let xBase = 0;
let phi: Float64Array;
let phiBase = 0;
let width = 0;
let scale = 1;
let m = 1;
let t: Float64Array;
let w: Float64Array;
let product: Float64Array;
let sums: Float64Array;
let zeroOf: Float64Array;
let oneOf: Float64Array;
let seen: Int32Array;

/**
 * The same numbers as {@link addTreeShap} (exact path-dependent TreeSHAP), in time linear
 * in the tree's size instead of quadratic in its depth per leaf: Linear TreeSHAP (Yu et
 * al. 2022) with the polynomials evaluated at Gauss–Legendre points.
 *
 * Why it is the same: a leaf adds to feature `i`'s Shapley value
 * `value × (o_i − z_i) × Σ_k e_k · k!(U−1−k)!/U!`, where `U` features split on its path,
 * `z_j`/`o_j` are each one's (merged) zero and one fractions and `e_k` sums the products
 * `Π o_j Π z_j` over the ways to pick `k` of the others as known. That sum is
 * `∫₀¹ Π_{j≠i} (z_j (1 − t) + o_j t) dt`, a polynomial of degree `U − 1` integrated
 * exactly by `⌈U/2⌉` Gauss–Legendre points. So the walk carries the path's product
 * `Π_j (z_j (1 − t) + o_j t)` at those points, each split returns the sum over its leaves
 * of value × product, and the contribution of a split's feature is that sum divided by its
 * own factor and integrated. A feature split again further down replaces its factor
 * there; the leaves below that deeper split are then taken back out of the upper split's
 * sum (the same values, so they cancel exactly but for rounding).
 *
 * @param workspace sized for this tree's depth, the row's width and the tree's channels
 */
export function addLinearTreeShap(
  tree: FlatTree,
  rowsX: Float64Array,
  rowBase: number,
  featureCount: number,
  out: Float64Array,
  outBase: number,
  workspace: LinearTreeShapWorkspace,
  weight = 1,
): void {
  ({ feature, threshold, left, right, value, cover, missingLeft, channels } = tree);
  x = rowsX;
  xBase = rowBase;
  width = featureCount;
  phi = out;
  phiBase = outBase;
  scale = weight;
  t = workspace.points;
  w = workspace.weights;
  m = t.length;
  product = workspace.product;
  sums = workspace.sums;
  zeroOf = workspace.zero;
  oneOf = workspace.one;
  seen = workspace.seen;
  for (let q = 0; q < m; q += 1) product[q] = 1;
  visit(0, 0);
}

/**
 * Visits `node` at recursion level `level` (its path's product is at `product[level·m…]`)
 * and writes the sum over the leaves below of value × product to `sums[level·m·channels…]`,
 * adding each split's contributions on the way back up.
 */
function visit(node: number, level: number): void {
  const pBase = level * m;
  const sBase = pBase * channels;
  const split = feature[node];
  if (split < 0) {
    const source = node * channels;
    for (let q = 0; q < m; q += 1) {
      const p = product[pBase + q];
      for (let c = 0; c < channels; c += 1) sums[sBase + q * channels + c] = p * value[source + c];
    }
    return;
  }
  for (let i = 0; i < m * channels; i += 1) sums[sBase + i] = 0;
  const v = x[xBase + split];
  const th = threshold[node];
  const l = left[node];
  const r = right[node];
  // As FlatTree.leafOf: NaN fails both comparisons and takes the missing-value side.
  const hot = v <= th ? l : v > th || missingLeft[node] === 0 ? r : l;
  const cold = hot === l ? r : l;
  const before = seen[split];
  const zeroBefore = before > 0 ? zeroOf[split] : 1;
  const oneBefore = before > 0 ? oneOf[split] : 1;
  const total = cover[node];
  const childBase = pBase + m;
  const childSums = childBase * channels;
  for (let side = 0; side < 2; side += 1) {
    const child = side === 0 ? hot : cold;
    const share = total > 0 ? cover[child] / total : 0.5;
    const z = zeroBefore * share;
    const o = side === 0 ? oneBefore : 0;
    // A branch with both fractions zero carries no weight in any coalition.
    if (z === 0 && o === 0) continue;
    for (let q = 0; q < m; q += 1) {
      const factor = z * (1 - t[q]) + o * t[q];
      const factorBefore = zeroBefore * (1 - t[q]) + oneBefore * t[q];
      product[childBase + q] = (product[pBase + q] / factorBefore) * factor;
    }
    seen[split] = before + 1;
    zeroOf[split] = z;
    oneOf[split] = o;
    visit(child, level + 1);
    const gap = o - z;
    if (gap !== 0) {
      for (let c = 0; c < channels; c += 1) {
        let integral = 0;
        for (let q = 0; q < m; q += 1)
          integral += (w[q] * sums[childSums + q * channels + c]) / (z * (1 - t[q]) + o * t[q]);
        phi[phiBase + c * width + split] += scale * gap * integral;
      }
    }
    for (let i = 0; i < m * channels; i += 1) sums[sBase + i] += sums[childSums + i];
  }
  seen[split] = before;
  zeroOf[split] = zeroBefore;
  oneOf[split] = oneBefore;
  // The upper split on this feature counted these leaves with its own factor: take them back out.
  const gapBefore = oneBefore - zeroBefore;
  if (before > 0 && gapBefore !== 0) {
    for (let c = 0; c < channels; c += 1) {
      let integral = 0;
      for (let q = 0; q < m; q += 1)
        integral += (w[q] * sums[sBase + q * channels + c]) / (zeroBefore * (1 - t[q]) + oneBefore * t[q]);
      phi[phiBase + c * width + split] -= scale * gapBefore * integral;
    }
  }
}
