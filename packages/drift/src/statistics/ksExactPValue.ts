/**
 * Exact two-sided p-value of the two-sample KS test, P(D ≥ d) under the null,
 * for sample sizes `n1` and `n2`, as SciPy 1.10's `ks_2samp(method='exact')`
 * computes it: `d` is first snapped to the lattice `h / lcm(n1, n2)`, then
 * equal sizes use the closed form of Hodges' "outside the square" recursion and
 * unequal sizes Viehmann's stable "inside" recursion for 1 − p.
 * Returns the snapped statistic too, since SciPy reports that one.
 */
export function ksExactPValue(n1: number, n2: number, d: number): { statistic: number; pValue: number } {
  const g = gcd(n1, n2);
  const lcm = (n1 / g) * n2;
  const h = Math.round(d * lcm);
  const statistic = h / lcm;
  if (h === 0) return { statistic, pValue: 1 };
  const p = n1 === n2 ? probOutsideSquare(n1, h) : outerProbInside(n1, n2, g, h);
  return { statistic, pValue: Math.min(1, Math.max(0, p)) };
}

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/** Share of lattice paths that leave the band |x − y| < h (n = m). */
function probOutsideSquare(n: number, h: number): number {
  let total = 0;
  for (let k = Math.floor(n / h); k >= 0; k -= 1) {
    let p1 = 1;
    for (let j = 0; j < h; j += 1) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    total = p1 * (1 - total);
  }
  return 2 * total;
}

/**
 * 1 − share of lattice paths from (0,0) to (m,n) staying strictly inside
 * |x/m − y/n| < h/lcm, keeping one sliding column (SciPy's `_stats_pythran`).
 */
function outerProbInside(first: number, second: number, g: number, h: number): number {
  const m = Math.max(first, second);
  const n = Math.min(first, second);
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const a = new Float64Array(lenA).fill(1);
  for (let j = minj; j < maxj; j += 1) a[j] = 0;
  for (let i = 1; i <= m; i += 1) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj += 1) {
      const j = jj + minj;
      val = (a[jj + minj - lastminj] * i + val * j) / (i + j);
      a[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) a.fill(1, maxj - minj, maxj - minj + (lastlen - curlen));
  }
  return a[maxj - minj - 1];
}
