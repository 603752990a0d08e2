// simple-statistics ships a CommonJS build under its "require" condition but only ESM-flavoured
// types, which tsc (module Node16) refuses to `import` from CommonJS: load the CJS build and
// declare the one function used.
const { gammaln } = require('simple-statistics') as { gammaln(n: number): number };

const EPS = 1e-16;
const TINY = 1e-300;
const MAX_ITERATIONS = 10_000;

/**
 * Survival function of the chi-square distribution, P(χ²_dof ≥ x), i.e.
 * SciPy's `chi2.sf(x, dof)`: the regularized upper incomplete gamma
 * Q(dof/2, x/2), by its power series below a + 1 and by the Lentz continued
 * fraction above (which keeps relative accuracy in the far tail).
 * `simple-statistics` gives the log-gamma (Lanczos, ~1e-15); it has only a
 * table of chi-square quantiles, not the distribution function.
 */
export function chiSquareSurvival(x: number, dof: number): number {
  if (!(dof > 0) || Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  return regularizedGammaQ(dof / 2, x / 2);
}

function regularizedGammaQ(a: number, x: number): number {
  const logPrefix = -x + a * Math.log(x) - gammaln(a);
  if (x < a + 1) {
    // Series for P(a, x); Q = 1 − P is not small here, so nothing cancels badly.
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < MAX_ITERATIONS; n += 1) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPS) break;
    }
    return Math.min(1, Math.max(0, 1 - sum * Math.exp(logPrefix)));
  }
  // Continued fraction for Q(a, x) (modified Lentz).
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i += 1) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return Math.min(1, Math.max(0, Math.exp(logPrefix) * h));
}
