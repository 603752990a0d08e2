import type { Rng } from '@mlops/features';

/**
 * A one-dimensional Parzen estimator as TPE uses it: a weighted mixture of normals
 * truncated to [low, high], one centred on each observation plus a wide prior at
 * the middle. Bandwidths follow Optuna's rule: the distance to the farther
 * neighbour, clipped to [(high-low)/min(100, n+1), high-low].
 */
export class ParzenEstimator {
  private readonly mus: Float64Array;
  private readonly sigmas: Float64Array;
  private readonly weights: Float64Array;
  private readonly logNormalizers: Float64Array;

  constructor(
    observations: readonly number[],
    readonly low: number,
    readonly high: number,
  ) {
    const points = [...observations, (low + high) / 2].sort((a, b) => a - b);
    const n = points.length;
    const range = high - low;
    const minSigma = range / Math.min(100, n + 1);
    this.mus = Float64Array.from(points);
    this.sigmas = new Float64Array(n);
    for (let i = 0; i < n; i += 1) {
      const left = i === 0 ? points[i] - low : points[i] - points[i - 1];
      const right = i === n - 1 ? high - points[i] : points[i + 1] - points[i];
      this.sigmas[i] = Math.min(range, Math.max(minSigma, left, right));
    }
    // The prior is the one centred at the middle with the full range as its width.
    const prior = points.indexOf((low + high) / 2);
    this.sigmas[prior] = range;
    this.weights = new Float64Array(n).fill(1 / n);
    this.logNormalizers = this.mus.map((mu, i) => {
      const mass = normalCdf((high - mu) / this.sigmas[i]) - normalCdf((low - mu) / this.sigmas[i]);
      return Math.log(Math.max(mass, 1e-300)) + Math.log(this.sigmas[i]) + 0.5 * Math.log(2 * Math.PI);
    });
  }

  /** Draws one value. */
  sample(rng: Rng): number {
    const k = rng.weighted(Array.from(this.weights));
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const x = this.mus[k] + this.sigmas[k] * rng.normal();
      if (x >= this.low && x <= this.high) return x;
    }
    return Math.min(this.high, Math.max(this.low, this.mus[k]));
  }

  /** Log density at `x`. */
  logPdf(x: number): number {
    let best = Number.NEGATIVE_INFINITY;
    const terms = new Float64Array(this.mus.length);
    for (let i = 0; i < this.mus.length; i += 1) {
      const z = (x - this.mus[i]) / this.sigmas[i];
      terms[i] = Math.log(this.weights[i]) - 0.5 * z * z - this.logNormalizers[i];
      if (terms[i] > best) best = terms[i];
    }
    let sum = 0;
    for (const term of terms) sum += Math.exp(term - best);
    return best + Math.log(sum);
  }
}

/** Standard normal CDF through erf (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}
