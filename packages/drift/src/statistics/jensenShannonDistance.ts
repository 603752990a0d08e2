import { DriftError } from '../errors';

/** Options of {@link jensenShannonDistance}. */
export interface JensenShannonOptions {
  /** Logarithm base; Evidently calls SciPy without one, i.e. natural log (maximum √ln 2 ≈ 0.833). @default Math.E */
  base?: number;
}

/**
 * Jensen–Shannon distance between two discrete distributions (counts or
 * shares, normalised here), as `scipy.spatial.distance.jensenshannon(p, q)`:
 * √((KL(p‖m) + KL(q‖m)) / 2) with m = (p + q)/2, in the natural log unless a
 * base is given.
 */
export function jensenShannonDistance(
  p: ArrayLike<number>,
  q: ArrayLike<number>,
  options: JensenShannonOptions = {},
): number {
  if (p.length !== q.length) {
    throw new DriftError(
      'bad-argument',
      `jensenShannonDistance needs equal lengths (${p.length} ≠ ${q.length})`,
    );
  }
  let pTotal = 0;
  let qTotal = 0;
  for (let i = 0; i < p.length; i += 1) {
    pTotal += p[i];
    qTotal += q[i];
  }
  let divergence = 0;
  for (let i = 0; i < p.length; i += 1) {
    const pi = p[i] / pTotal;
    const qi = q[i] / qTotal;
    const mi = (pi + qi) / 2;
    if (pi > 0) divergence += pi * Math.log(pi / mi);
    if (qi > 0) divergence += qi * Math.log(qi / mi);
  }
  if (options.base !== undefined) divergence /= Math.log(options.base);
  return Math.sqrt(Math.max(0, divergence) / 2);
}
