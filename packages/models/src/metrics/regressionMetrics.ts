/** Regression quality: mean absolute error, root mean squared error, R², and mean absolute percentage error. */
export interface RegressionMetrics {
  mae: number;
  rmse: number;
  r2: number;
  /** As scikit-learn computes it: a fraction (0.1 = 10 %), with |y| floored at machine epsilon. */
  mape: number;
}

/** Computes {@link RegressionMetrics} of predictions against true values. */
export function regressionMetrics(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): RegressionMetrics {
  const n = yTrue.length;
  let mean = 0;
  for (let i = 0; i < n; i += 1) mean += yTrue[i];
  mean /= n;
  let absolute = 0;
  let squared = 0;
  let total = 0;
  let percentage = 0;
  for (let i = 0; i < n; i += 1) {
    const error = yTrue[i] - yPred[i];
    absolute += Math.abs(error);
    squared += error * error;
    total += (yTrue[i] - mean) ** 2;
    percentage += Math.abs(error) / Math.max(Math.abs(yTrue[i]), Number.EPSILON);
  }
  return {
    mae: absolute / n,
    rmse: Math.sqrt(squared / n),
    r2: total === 0 ? (squared === 0 ? 1 : 0) : 1 - squared / total,
    mape: percentage / n,
  };
}
