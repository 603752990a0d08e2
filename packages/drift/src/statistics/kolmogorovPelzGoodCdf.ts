const PI2 = Math.PI ** 2;
const PI4 = Math.PI ** 4;
const PI6 = Math.PI ** 6;
const SQRT2PI = Math.sqrt(2 * Math.PI);
const SQRT3 = Math.sqrt(3);
const MIN_LOG = -708;

/**
 * Pelz–Good (1976) approximation of P(Dₙ ≤ x) for the two-sided one-sample
 * Kolmogorov statistic: the Li-Chien/Korolyuk expansion
 * K₀ + K₁/√n + K₂/n + K₃/n^1.5 in z = x√n, each term rewritten with Jacobi theta
 * functions for small z. A port of SciPy's `_kolmogn_PelzGood`, used for large n.
 */
export function kolmogorovPelzGoodCdf(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const z2 = z * z;
  const z3 = z ** 3;
  const z4 = z ** 4;
  const z6 = z ** 6;
  const qlog = -PI2 / 8 / z2;
  if (qlog < MIN_LOG) return 0;
  let q = Math.exp(qlog);
  const k1a = -z2;
  const k1b = PI2 / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * PI2) / 4;
  const k2c = (PI4 * (1 - 2 * z2)) / 16;
  const k3d = (PI6 * (5 - 30 * z2)) / 64;
  const k3c = (PI4 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (PI2 * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z ** 8;
  const terms = [0, 0, 0, 0];
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let k = maxk; k > 0; k -= 1) {
    const m = 2 * k - 1;
    const m2 = m * m;
    const m4 = m ** 4;
    const m6 = m ** 6;
    const qpower = q ** (8 * k);
    const coeffs = [1, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6];
    for (let i = 0; i < 4; i += 1) terms[i] = terms[i] * qpower + coeffs[i];
  }
  const divisors = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i += 1) terms[i] = (terms[i] * q * SQRT2PI) / divisors[i];

  q = Math.exp(-PI2 / 2 / z2);
  let k2extra = 0;
  let k3extra = 0;
  for (let k = maxk; k > 0; k -= 1) {
    const k2 = k * k;
    const qk = q ** k2;
    k2extra += k2 * qk;
    const kpi = Math.PI * k;
    k3extra += (SQRT3 * z + kpi) * (SQRT3 * z - kpi) * k2 * qk;
  }
  terms[2] += k2extra * ((PI2 * SQRT2PI) / (-36 * z3));
  terms[3] += k3extra * ((PI2 * SQRT2PI) / (216 * z6));
  let total = 0;
  for (let i = 0; i < 4; i += 1) total += terms[i] / n ** (i / 2);
  return total;
}
