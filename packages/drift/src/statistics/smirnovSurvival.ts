/** log(DBL_MIN)-ish bound below which exp underflows, as cephes' MINLOG. */
const MIN_LOG = -708.3964185322641;
/** Above this n SciPy switches to an approximation instead of the exact sum. */
const MAX_COMPUTE_N = 1_000_000;

/**
 * Survival function of the one-sided Kolmogorov–Smirnov statistic D⁺ₙ,
 * P(D⁺ₙ ≥ x), by the Smirnov/Birnbaum–Tingey sum as SciPy's `smirnov(n, x)`
 * evaluates it (cephes `kolmogorov.c`, van Mulbregt 2018): the special cases
 * x ≤ 1/n and x ≥ 1 − 1/n in closed form, the approximation
 * exp(−(6nx+1)²/18n) above n = 10⁶, and otherwise the lower sum
 * x · Σ C(n,v) (x+v/n)^(v−1) (1−x−v/n)^(n−v). SciPy sums in double-double; here
 * each term is taken through logarithms, which keeps a relative error near
 * 1e-10 even for n = 10⁶, far inside the 1e-6 the tests ask for.
 * (SciPy's alternative "upper sum" only applies for x ≤ 0.5/√n, which the
 * two-sided KS never asks of this function.)
 */
export function smirnovSurvival(n: number, x: number): number {
  if (!(n > 0 && x >= 0 && x <= 1)) return Number.NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;
  const nx = n * x;
  const nxfl = Math.floor(nx);
  const alpha = nx - nxfl;
  if (nxfl === 0 || (nxfl === 1 && alpha === 0)) return 1 - x * (1 + x) ** (n - 1);
  if (-2 * n * x * x < MIN_LOG) return 0;
  if (nxfl >= n - 1) return (1 - x) ** n;
  if (n > MAX_COMPUTE_N) return Math.exp(-((6 * n * x + 1) ** 2) / 18 / n);
  // Terms v = 0 … n − ⌊nx⌋ − 1 (SciPy drops the last one when nx is whole).
  const nTerms = n - nxfl;
  const vmid = Math.floor(n / 2);
  // v = 0 term: (1 − x)^n / x
  let sum = Math.exp(n * Math.log1p(-x)) / x;
  let logBinomial = Math.log(n); // log C(n, 1)
  for (let v = 1; v < nTerms; v += 1) {
    const logTerm = logBinomial + (v - 1) * Math.log(x + v / n) + (n - v) * Math.log1p(-x - v / n);
    const term = Math.exp(logTerm);
    sum += term;
    if (term !== 0) {
      if (4 * (nTerms - v) * term < Number.EPSILON * sum && v !== nTerms - 1) break;
    } else if (v > vmid) {
      break;
    }
    logBinomial += Math.log((n - v) / (v + 1));
  }
  return Math.min(1, Math.max(0, x * sum));
}
