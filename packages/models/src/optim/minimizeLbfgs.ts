/** Options of {@link minimizeLbfgs}. */
export interface LbfgsOptions {
  /** @default 500 */
  maxIter?: number;
  /** Stop when the largest gradient component is below this. @default 1e-6 */
  gradientTol?: number;
  /** Correction pairs kept. @default 10 */
  memory?: number;
}

/** The result of {@link minimizeLbfgs}. */
export interface LbfgsResult {
  x: Float64Array;
  value: number;
  iterations: number;
  converged: boolean;
}

/**
 * Minimises a smooth function with limited-memory BFGS (two-loop recursion) and a
 * backtracking Armijo line search. `valueAndGradient(x, gradient)` returns f(x) and
 * writes ∇f(x) into `gradient`.
 */
export function minimizeLbfgs(
  valueAndGradient: (x: Float64Array, gradient: Float64Array) => number,
  start: Float64Array,
  options: LbfgsOptions = {},
): LbfgsResult {
  const maxIter = options.maxIter ?? 500;
  const tol = options.gradientTol ?? 1e-6;
  const m = options.memory ?? 10;
  const n = start.length;
  const x = Float64Array.from(start);
  const g = new Float64Array(n);
  const candidate = new Float64Array(n);
  const gCandidate = new Float64Array(n);
  const direction = new Float64Array(n);
  const s = Array.from({ length: m }, () => new Float64Array(n));
  const yv = Array.from({ length: m }, () => new Float64Array(n));
  const rho = new Float64Array(m);
  const alpha = new Float64Array(m);
  let stored = 0;
  let newest = -1;
  let value = valueAndGradient(x, g);
  const dot = (a: Float64Array, b: Float64Array) => {
    let sum = 0;
    for (let i = 0; i < n; i += 1) sum += a[i] * b[i];
    return sum;
  };
  const largest = (a: Float64Array) => {
    let max = 0;
    for (let i = 0; i < n; i += 1) max = Math.max(max, Math.abs(a[i]));
    return max;
  };
  for (let iter = 0; iter < maxIter; iter += 1) {
    if (largest(g) < tol) return { x, value, iterations: iter, converged: true };
    // Two-loop recursion: direction = -H·g.
    for (let i = 0; i < n; i += 1) direction[i] = -g[i];
    for (let k = 0; k < stored; k += 1) {
      const j = (newest - k + m) % m;
      alpha[j] = rho[j] * dot(s[j], direction);
      for (let i = 0; i < n; i += 1) direction[i] -= alpha[j] * yv[j][i];
    }
    if (stored > 0) {
      const gamma = dot(s[newest], yv[newest]) / dot(yv[newest], yv[newest]);
      for (let i = 0; i < n; i += 1) direction[i] *= gamma;
    } else {
      const scale = 1 / Math.max(1, largest(g));
      for (let i = 0; i < n; i += 1) direction[i] *= scale;
    }
    for (let k = stored - 1; k >= 0; k -= 1) {
      const j = (newest - k + m) % m;
      const beta = rho[j] * dot(yv[j], direction);
      for (let i = 0; i < n; i += 1) direction[i] += (alpha[j] - beta) * s[j][i];
    }
    let slope = dot(g, direction);
    if (!(slope < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      stored = 0;
      for (let i = 0; i < n; i += 1) direction[i] = -g[i];
      slope = -dot(g, g);
    }
    let step = 1;
    let next = Number.POSITIVE_INFINITY;
    for (let tries = 0; tries < 60; tries += 1) {
      for (let i = 0; i < n; i += 1) candidate[i] = x[i] + step * direction[i];
      next = valueAndGradient(candidate, gCandidate);
      if (next <= value + 1e-4 * step * slope) break;
      step /= 2;
    }
    if (!(next <= value)) return { x, value, iterations: iter, converged: false };
    newest = (newest + 1) % m;
    for (let i = 0; i < n; i += 1) {
      s[newest][i] = candidate[i] - x[i];
      yv[newest][i] = gCandidate[i] - g[i];
    }
    const sy = dot(s[newest], yv[newest]);
    if (sy > 1e-12) {
      rho[newest] = 1 / sy;
      stored = Math.min(stored + 1, m);
    } else {
      newest = (newest - 1 + m) % m;
    }
    const change = Math.abs(value - next);
    x.set(candidate);
    g.set(gCandidate);
    value = next;
    if (change <= 1e-15 * Math.max(1, Math.abs(value))) {
      return { x, value, iterations: iter + 1, converged: largest(g) < tol * 100 };
    }
  }
  return { x, value, iterations: maxIter, converged: largest(g) < tol };
}
