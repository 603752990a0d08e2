import { kolmogorovDurbinCdf } from './kolmogorovDurbinCdf';
import { kolmogorovPelzGoodCdf } from './kolmogorovPelzGoodCdf';
import { smirnovSurvival } from './smirnovSurvival';

// SciPy's _STIRLING_COEFFS, written as the doubles they round to.
const STIRLING = [
  -0.029550653594771242, 0.00641025641025641, -0.0019175269175269176, 0.0008417508417508417,
  -0.0005952380952380953, 0.0007936507936507937, -0.002777777777777778, 0.08333333333333333,
];

const clip = (p: number): number => Math.min(1, Math.max(0, p));

/**
 * Survival function P(Dₙ ≥ x) of the two-sided one-sample Kolmogorov–Smirnov
 * statistic for a sample of n, i.e. SciPy's `kstwo.sf(x, n)`, which
 * `ks_2samp` uses for its asymptotic p-value with n = round(n₁n₂/(n₁+n₂)).
 * Follows Simard & L'Ecuyer (2011) as SciPy's `_kolmogn` does: Ruben–Gambino
 * closed forms at the ends, twice the one-sided Smirnov tail where it is
 * accurate, Durbin's matrix for small nx², Pelz–Good for large n. (Where SciPy
 * uses Pomeranz's recursion, n ≤ 140 and 0.754693 < nx² ≤ 4, the exact Durbin
 * matrix gives the same probability.)
 */
export function kolmogorovSurvival(n: number, x: number): number {
  if (!Number.isInteger(n) || n <= 0 || Number.isNaN(x)) return Number.NaN;
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    let prob: number;
    if (n <= 140) {
      prob = 1;
      for (let i = 1; i <= n; i += 1) prob *= i * (1 / n) * (2 * t - 1);
    } else {
      prob = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
    }
    return clip(1 - prob);
  }
  if (t >= n - 1) return clip(2 * (1 - x) ** n);
  if (x >= 0.5) return clip(2 * smirnovSurvival(n, x));
  const nx2 = t * x;
  if (n <= 140) {
    if (nx2 <= 4) return clip(1 - kolmogorovDurbinCdf(n, x));
    return clip(2 * smirnovSurvival(n, x));
  }
  if (nx2 >= 370) return 0;
  if (nx2 >= 2.2) return clip(2 * smirnovSurvival(n, x));
  const cdf = n <= 100_000 && n * x ** 1.5 <= 1.4 ? kolmogorovDurbinCdf(n, x) : kolmogorovPelzGoodCdf(n, x);
  return clip(1 - cdf);
}

/** log(n! / nⁿ) by Stirling's series. */
function logFactorialOverPower(n: number): number {
  const rn = 1 / n;
  let poly = 0;
  for (const c of STIRLING) poly = poly * (rn / n) + c;
  return Math.log(n) / 2 - n + Math.log(2 * Math.PI) / 2 + rn * poly;
}
