/**
 * Deterministic test data that Python reproduces bit for bit: integer
 * arithmetic and one correctly rounded division per term, so a sample built
 * here and in `numpy` is the same array. The sum of three such sequences is
 * bell-shaped. Mirrors this Python helper, which produced the SciPy literals:
 *
 *   def u(n, a, b, m): return np.array([((i*a + b) % m) / m for i in range(n)])
 *   def sample(n, seed, shift=0.0, scale=1.0, tie=None):
 *       x = (u(n, 7919, seed, 10007) + u(n, 48271, seed*3+1, 65537)) + u(n, 16807, seed*7+2, 2147483647)
 *       x = x * scale + shift
 *       if tie: x = np.floor(x * tie) / tie
 *       return x
 */
export function quasiSample(n: number, seed: number, shift = 0, scale = 1, tie?: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    const u1 = ((i * 7919 + seed) % 10007) / 10007;
    const u2 = ((i * 48271 + seed * 3 + 1) % 65537) / 65537;
    const u3 = ((i * 16807 + seed * 7 + 2) % 2147483647) / 2147483647;
    let x = (u1 + u2 + u3) * scale + shift;
    if (tie) x = Math.floor(x * tie) / tie;
    out[i] = x;
  }
  return out;
}
