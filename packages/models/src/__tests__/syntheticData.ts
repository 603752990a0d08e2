import { createRng } from '@mlops/features';
import type { TrainingData } from '../estimators/Estimator';

/** A seeded learning problem split into train and held-out test data. */
export interface Problem {
  train: TrainingData;
  test: TrainingData;
}

/**
 * Friedman #1 inputs (uniform on [0, 1]^width, width ≥ 5) with a known target:
 * `regression` is Friedman's function plus N(0, noise²); `binary` thresholds it at 14.4
 * (about half the rows); `multiclass` cuts it into three bands.
 */
export function friedmanProblem(
  kind: 'regression' | 'binary' | 'multiclass',
  rows: number,
  seed: number,
  options: { width?: number; noise?: number; testShare?: number } = {},
): Problem {
  const width = options.width ?? 6;
  const noise = options.noise ?? 1;
  const rng = createRng(seed);
  const x = new Float64Array(rows * width);
  const y = new Float64Array(rows);
  for (let row = 0; row < rows; row += 1) {
    for (let j = 0; j < width; j += 1) x[row * width + j] = rng.next();
    const v = x.subarray(row * width, (row + 1) * width);
    const f = 10 * Math.sin(Math.PI * v[0] * v[1]) + 20 * (v[2] - 0.5) ** 2 + 10 * v[3] + 5 * v[4];
    const value = f + noise * rng.normal();
    y[row] =
      kind === 'regression'
        ? value
        : kind === 'binary'
          ? value > 14.4
            ? 1
            : 0
          : value < 11
            ? 0
            : value < 17
              ? 1
              : 2;
  }
  const classes = kind === 'regression' ? 1 : kind === 'binary' ? 2 : 3;
  const cut = Math.round(rows * (1 - (options.testShare ?? 0.25)));
  const part = (from: number, to: number): TrainingData => ({
    x: x.slice(from * width, to * width),
    rows: to - from,
    width,
    y: y.slice(from, to),
    classes,
  });
  return { train: part(0, cut), test: part(cut, rows) };
}

/** R² of predictions against the truth. */
export function r2Score(truth: ArrayLike<number>, predicted: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < truth.length; i += 1) mean += truth[i] / truth.length;
  let residual = 0;
  let total = 0;
  for (let i = 0; i < truth.length; i += 1) {
    residual += (truth[i] - predicted[i]) ** 2;
    total += (truth[i] - mean) ** 2;
  }
  return 1 - residual / total;
}

/** Share of rows whose most probable class (`outputs` per row; one output = P(class 1)) is the label. */
export function accuracyOf(truth: ArrayLike<number>, scores: ArrayLike<number>, outputs: number): number {
  let correct = 0;
  for (let row = 0; row < truth.length; row += 1) {
    let best = 0;
    if (outputs === 1) best = scores[row] >= 0.5 ? 1 : 0;
    else
      for (let c = 1; c < outputs; c += 1)
        if (scores[row * outputs + c] > scores[row * outputs + best]) best = c;
    if (best === truth[row]) correct += 1;
  }
  return correct / truth.length;
}
