/**
 * The 12 two-feature rows the linear models' reference tests fit (binary logistic and
 * ridge on the first 8, multinomial on all 12); their expected coefficients and
 * probabilities come from scikit-learn and SciPy as each test says.
 */
export const SMALL_DESIGN: readonly (readonly [number, number])[] = [
  [0.5, 1.0],
  [1.5, -0.5],
  [-1.0, 0.3],
  [2.0, 2.0],
  [0.0, -1.0],
  [-0.5, 0.5],
  [1.0, 1.0],
  [-2.0, -1.5],
  [0.3, -0.7],
  [1.2, 0.1],
  [-1.5, 1.2],
  [0.8, -1.8],
];
