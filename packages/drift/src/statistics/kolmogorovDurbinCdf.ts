const SCALE_EXPONENT = 128;
const BIG = 2 ** SCALE_EXPONENT;
const SMALL = 2 ** -SCALE_EXPONENT;

/**
 * P(Dₙ ≤ d) of the two-sided one-sample Kolmogorov statistic by Durbin's
 * matrix method in the form of Marsaglia, Tsang and Wang (2003): the (k,k)
 * entry of Hⁿ, H of order 2k−1 with k = ⌈nd⌉, with exponent bookkeeping so
 * nothing overflows. A port of SciPy's `_kolmogn_DMTW`. Costs O(k³ log n).
 */
export function kolmogorovDurbinCdf(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j += 1) {
    w[j - 1] = fac;
    fac /= j;
    v[j - 1] = (1 - h ** j) * fac;
  }
  const tt = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + tt) * fac;
  let hm: Float64Array = new Float64Array(m * m);
  for (let i = 1; i < m; i += 1) {
    for (let r = i - 1; r < m; r += 1) hm[r * m + i] = w[r - (i - 1)];
  }
  for (let r = 0; r < m; r += 1) hm[r * m] = v[r];
  for (let c = 0; c < m; c += 1) hm[(m - 1) * m + c] = v[m - 1 - c];

  let power: Float64Array = identity(m);
  let nn = n;
  let exponent = 0;
  let hExponent = 0;
  while (nn > 0) {
    if (nn % 2) {
      power = multiply(power, hm, m);
      exponent += hExponent;
    }
    hm = multiply(hm, hm, m);
    hExponent *= 2;
    if (Math.abs(hm[(k - 1) * m + (k - 1)]) > BIG) {
      for (let i = 0; i < hm.length; i += 1) hm[i] /= BIG;
      hExponent += SCALE_EXPONENT;
    }
    nn = Math.floor(nn / 2);
  }
  let p = power[(k - 1) * m + (k - 1)];
  for (let i = 1; i <= n; i += 1) {
    p = (i * p) / n;
    if (Math.abs(p) < SMALL) {
      p *= BIG;
      exponent -= SCALE_EXPONENT;
    }
  }
  // Two steps, like ldexp: 2 ** exponent alone can underflow while the product does not.
  if (exponent !== 0) p = p * 2 ** Math.trunc(exponent / 2) * 2 ** (exponent - Math.trunc(exponent / 2));
  return Math.min(1, Math.max(0, p));
}

function identity(m: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i += 1) out[i * m + i] = 1;
  return out;
}

function multiply(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i += 1) {
    for (let l = 0; l < m; l += 1) {
      const ail = a[i * m + l];
      if (ail === 0) continue;
      const bRow = l * m;
      const outRow = i * m;
      for (let j = 0; j < m; j += 1) out[outRow + j] += ail * b[bRow + j];
    }
  }
  return out;
}
