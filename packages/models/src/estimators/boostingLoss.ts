/** The loss a gradient-boosting model minimises, chosen by the number of classes. */
export type BoostingLoss = 'squared_error' | 'log_loss' | 'softmax';

/** The loss for `classes` (1 = regression, 2 = binary, more = multiclass). */
export function lossFor(classes: number): BoostingLoss {
  return classes <= 1 ? 'squared_error' : classes === 2 ? 'log_loss' : 'softmax';
}

/**
 * The starting raw prediction (scikit-learn's `fit_intercept_only`): the mean, the
 * log-odds of the positive rate, or the log of each class's share.
 */
export function baselineRaw(loss: BoostingLoss, y: Float64Array, classes: number): Float64Array {
  const n = y.length;
  if (loss === 'squared_error') {
    let sum = 0;
    for (let i = 0; i < n; i += 1) sum += y[i];
    return Float64Array.of(sum / n);
  }
  const counts = new Float64Array(classes);
  for (let i = 0; i < n; i += 1) counts[y[i]] += 1;
  const clip = (p: number) => Math.min(Math.max(p, 1e-15), 1 - 1e-15);
  if (loss === 'log_loss') {
    const p = clip(counts[1] / n);
    return Float64Array.of(Math.log(p / (1 - p)));
  }
  return counts.map((count) => Math.log(clip(count / n)));
}

/**
 * Writes the gradient and hessian of the loss at the raw predictions (`channels` per row)
 * for class channel `k` into `g` and `h`: `raw − y` and 1 (squared error), `p − y` and
 * `p(1−p)` (log loss, softmax).
 */
export function lossGradients(
  loss: BoostingLoss,
  raw: Float64Array,
  y: Float64Array,
  channels: number,
  k: number,
  g: Float64Array,
  h: Float64Array,
): void {
  const n = y.length;
  if (loss === 'squared_error') {
    for (let i = 0; i < n; i += 1) {
      g[i] = raw[i] - y[i];
      h[i] = 1;
    }
    return;
  }
  if (loss === 'log_loss') {
    for (let i = 0; i < n; i += 1) {
      const p = 1 / (1 + Math.exp(-raw[i]));
      g[i] = p - y[i];
      h[i] = p * (1 - p);
    }
    return;
  }
  for (let i = 0; i < n; i += 1) {
    const base = i * channels;
    const max = rowMax(raw, base, channels);
    const p = Math.exp(raw[base + k] - max) / expSum(raw, base, channels, max);
    g[i] = p - (y[i] === k ? 1 : 0);
    h[i] = p * (1 - p);
  }
}

/**
 * Log loss's gradient and hessian from `expNeg[i] = exp(−raw[i])`, which the booster keeps
 * up to date by multiplying each row's by `exp(−leaf value)` as it adds the leaf (one
 * `Math.exp` per leaf instead of one per row and round): `p = 1 / (1 + expNeg)`. The
 * product drifts from `exp(−raw)` by about one rounding per round (1e-14 relative after a
 * hundred rounds), far below what moves a split.
 */
export function logLossGradients(
  expNeg: Float64Array,
  y: Float64Array,
  g: Float64Array,
  h: Float64Array,
): void {
  const n = y.length;
  for (let i = 0; i < n; i += 1) {
    const p = 1 / (1 + expNeg[i]);
    g[i] = p - y[i];
    h[i] = p * (1 - p);
  }
}

/** Mean loss (half squared error, as scikit-learn scores early stopping) at the raw predictions. */
export function meanLoss(loss: BoostingLoss, raw: Float64Array, y: Float64Array, channels: number): number {
  const n = y.length;
  let total = 0;
  for (let i = 0; i < n; i += 1) {
    if (loss === 'squared_error') {
      total += 0.5 * (raw[i] - y[i]) ** 2;
    } else if (loss === 'log_loss') {
      const z = raw[i];
      total += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[i] * z;
    } else {
      const base = i * channels;
      const max = rowMax(raw, base, channels);
      total += max + Math.log(expSum(raw, base, channels, max)) - raw[base + y[i]];
    }
  }
  return total / n;
}

/** Turns raw scores (`channels` per row) into predictions in place: identity, sigmoid or softmax. */
export function applyLink(loss: BoostingLoss, out: Float64Array, rows: number, channels: number): void {
  if (loss === 'squared_error') return;
  if (loss === 'log_loss') {
    for (let i = 0; i < rows; i += 1) out[i] = 1 / (1 + Math.exp(-out[i]));
    return;
  }
  for (let i = 0; i < rows; i += 1) {
    const base = i * channels;
    const max = rowMax(out, base, channels);
    let sum = 0;
    for (let c = 0; c < channels; c += 1) {
      out[base + c] = Math.exp(out[base + c] - max);
      sum += out[base + c];
    }
    for (let c = 0; c < channels; c += 1) out[base + c] /= sum;
  }
}

/** The largest of `raw[base…base+channels)`, subtracted before exponentiating so that none overflows. */
function rowMax(raw: Float64Array, base: number, channels: number): number {
  let max = raw[base];
  for (let c = 1; c < channels; c += 1) if (raw[base + c] > max) max = raw[base + c];
  return max;
}

/** `Σ exp(raw[base + c] − max)`: the softmax denominator of one row. */
function expSum(raw: Float64Array, base: number, channels: number, max: number): number {
  let sum = 0;
  for (let c = 0; c < channels; c += 1) sum += Math.exp(raw[base + c] - max);
  return sum;
}
