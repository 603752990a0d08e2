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
let coldWeights: Float64Array;
let inverseBefore: Float64Array;
let inverseHot: Float64Array;

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
  coldWeights = workspace.coldWeights;
  inverseBefore = workspace.inverseBefore;
  inverseHot = workspace.inverseHot;
  for (let q = 0; q < m; q += 1) product[q] = 1;
  if (channels === 1) visitOne(0, 0);
  else visit(0, 0);
}

/**
 * Visits `node` at recursion level `level` (its path's product is at `product[level·m…]`)
 * and writes the sum over the leaves below of value × product to `sums[level·m·channels…]`,
 * adding each split's contributions on the way back up. Divisions are hoisted: a cold
 * branch's factor is `z (1 − t)` (one division by `z`), a hot one's reciprocals are kept
 * per level, and a feature met for the first time on the path had factor 1.
 */
function visit(node: number, level: number): void {
  // Module slots read once into locals: the loops below then index local typed arrays.
  const _product = product;
  const _sums = sums;
  const _t = t;
  const _w = w;
  const _m = m;
  const _channels = channels;
  const _value = value;
  const _feature = feature;
  const _threshold = threshold;
  const _left = left;
  const _right = right;
  const _cover = cover;
  const _missingLeft = missingLeft;
  const _x = x;
  const _xBase = xBase;
  const _phi = phi;
  const _phiBase = phiBase;
  const _width = width;
  const _scale = scale;
  const _zeroOf = zeroOf;
  const _oneOf = oneOf;
  const _seen = seen;
  const _coldWeights = coldWeights;
  const _inverseBefore = inverseBefore;
  const _inverseHot = inverseHot;
  const pBase = level * _m;
  const sBase = pBase * _channels;
  const split = _feature[node];
  if (split < 0) {
    const source = node * _channels;
    if (_channels === 1) {
      const leafValue = _value[source];
      for (let q = 0; q < _m; q += 1) _sums[sBase + q] = _product[pBase + q] * leafValue;
      return;
    }
    for (let q = 0; q < _m; q += 1) {
      const p = _product[pBase + q];
      for (let c = 0; c < _channels; c += 1) _sums[sBase + q * _channels + c] = p * _value[source + c];
    }
    return;
  }
  const v = _x[_xBase + split];
  const th = _threshold[node];
  const l = _left[node];
  const r = _right[node];
  // As FlatTree.leafOf: NaN fails both comparisons and takes the missing-_value side.
  const hot = v <= th ? l : v > th || _missingLeft[node] === 0 ? r : l;
  const cold = hot === l ? r : l;
  const before = _seen[split];
  const zeroBefore = before > 0 ? _zeroOf[split] : 1;
  const oneBefore = before > 0 ? _oneOf[split] : 1;
  if (before > 0)
    for (let q = 0; q < _m; q += 1)
      _inverseBefore[pBase + q] = 1 / (zeroBefore * (1 - _t[q]) + oneBefore * _t[q]);
  const total = _cover[node];
  const childBase = pBase + _m;
  const childSums = childBase * _channels;
  const width_ = _m * _channels;
  let first = true;
  _seen[split] = before + 1;
  for (let side = 0; side < 2; side += 1) {
    const child = side === 0 ? hot : cold;
    const share = total > 0 ? _cover[child] / total : 0.5;
    const z = zeroBefore * share;
    const o = side === 0 ? oneBefore : 0;
    // A branch with both fractions zero carries no weight in any coalition.
    if (z === 0 && o === 0) continue;
    if (o === 0) {
      for (let q = 0; q < _m; q += 1) {
        const factor = z * (1 - _t[q]);
        _product[childBase + q] =
          before > 0
            ? _product[pBase + q] * factor * _inverseBefore[pBase + q]
            : _product[pBase + q] * factor;
      }
    } else {
      for (let q = 0; q < _m; q += 1) {
        const factor = z * (1 - _t[q]) + o * _t[q];
        _inverseHot[pBase + q] = 1 / factor;
        _product[childBase + q] =
          before > 0
            ? _product[pBase + q] * factor * _inverseBefore[pBase + q]
            : _product[pBase + q] * factor;
      }
    }
    _zeroOf[split] = z;
    _oneOf[split] = o;
    visit(child, level + 1);
    const gap = o - z;
    if (gap !== 0) {
      const target = _phiBase + split;
      for (let c = 0; c < _channels; c += 1) {
        let integral = 0;
        if (o === 0) {
          for (let q = 0; q < _m; q += 1) integral += _coldWeights[q] * _sums[childSums + q * _channels + c];
          integral /= z;
        } else {
          for (let q = 0; q < _m; q += 1)
            integral += _w[q] * _inverseHot[pBase + q] * _sums[childSums + q * _channels + c];
        }
        _phi[target + c * _width] += _scale * gap * integral;
      }
    }
    if (first) for (let i = 0; i < width_; i += 1) _sums[sBase + i] = _sums[childSums + i];
    else for (let i = 0; i < width_; i += 1) _sums[sBase + i] += _sums[childSums + i];
    first = false;
  }
  if (first) for (let i = 0; i < width_; i += 1) _sums[sBase + i] = 0;
  _seen[split] = before;
  _zeroOf[split] = zeroBefore;
  _oneOf[split] = oneBefore;
  // The upper split on this _feature counted these leaves with its own factor: take them back out.
  const gapBefore = oneBefore - zeroBefore;
  if (before > 0 && gapBefore !== 0) {
    for (let c = 0; c < _channels; c += 1) {
      let integral = 0;
      for (let q = 0; q < _m; q += 1)
        integral += _w[q] * _inverseBefore[pBase + q] * _sums[sBase + q * _channels + c];
      _phi[_phiBase + c * _width + split] -= _scale * gapBefore * integral;
    }
  }
}

/** {@link visit} for one-output trees (boosting, binary and regression forests): the same steps, flat indices. */
function visitOne(node: number, level: number): void {
  const pBase = level * m;
  const split = feature[node];
  const mm = m;
  const prod = product;
  const sm = sums;
  if (split < 0) {
    const leafValue = value[node];
    for (let q = 0; q < mm; q += 1) sm[pBase + q] = prod[pBase + q] * leafValue;
    return;
  }
  const tt = t;
  const v = x[xBase + split];
  const th = threshold[node];
  const l = left[node];
  const r = right[node];
  const hot = v <= th ? l : v > th || missingLeft[node] === 0 ? r : l;
  const cold = hot === l ? r : l;
  const before = seen[split];
  const zeroBefore = before > 0 ? zeroOf[split] : 1;
  const oneBefore = before > 0 ? oneOf[split] : 1;
  const invBefore = inverseBefore;
  const invHot = inverseHot;
  if (before > 0)
    for (let q = 0; q < mm; q += 1) invBefore[pBase + q] = 1 / (zeroBefore * (1 - tt[q]) + oneBefore * tt[q]);
  const total = cover[node];
  const childBase = pBase + mm;
  let first = true;
  seen[split] = before + 1;
  for (let side = 0; side < 2; side += 1) {
    const child = side === 0 ? hot : cold;
    const share = total > 0 ? cover[child] / total : 0.5;
    const z = zeroBefore * share;
    const o = side === 0 ? oneBefore : 0;
    if (z === 0 && o === 0) continue;
    if (o === 0) {
      if (before > 0)
        for (let q = 0; q < mm; q += 1)
          prod[childBase + q] = prod[pBase + q] * z * (1 - tt[q]) * invBefore[pBase + q];
      else for (let q = 0; q < mm; q += 1) prod[childBase + q] = prod[pBase + q] * z * (1 - tt[q]);
    } else {
      for (let q = 0; q < mm; q += 1) {
        const factor = z * (1 - tt[q]) + o * tt[q];
        invHot[pBase + q] = 1 / factor;
        prod[childBase + q] =
          before > 0 ? prod[pBase + q] * factor * invBefore[pBase + q] : prod[pBase + q] * factor;
      }
    }
    zeroOf[split] = z;
    oneOf[split] = o;
    visitOne(child, level + 1);
    const gap = o - z;
    if (gap !== 0) {
      let integral = 0;
      if (o === 0) {
        const cw = coldWeights;
        for (let q = 0; q < mm; q += 1) integral += cw[q] * sm[childBase + q];
        integral /= z;
      } else {
        const ww = w;
        for (let q = 0; q < mm; q += 1) integral += ww[q] * invHot[pBase + q] * sm[childBase + q];
      }
      phi[phiBase + split] += scale * gap * integral;
    }
    if (first) for (let q = 0; q < mm; q += 1) sm[pBase + q] = sm[childBase + q];
    else for (let q = 0; q < mm; q += 1) sm[pBase + q] += sm[childBase + q];
    first = false;
  }
  if (first) for (let q = 0; q < mm; q += 1) sm[pBase + q] = 0;
  seen[split] = before;
  zeroOf[split] = zeroBefore;
  oneOf[split] = oneBefore;
  const gapBefore = oneBefore - zeroBefore;
  if (before > 0 && gapBefore !== 0) {
    const ww = w;
    let integral = 0;
    for (let q = 0; q < mm; q += 1) integral += ww[q] * invBefore[pBase + q] * sm[pBase + q];
    phi[phiBase + split] -= scale * gapBefore * integral;
  }
}
