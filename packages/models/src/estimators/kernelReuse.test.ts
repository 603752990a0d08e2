import { friedmanProblem } from '../__tests__/syntheticData';
import { GradientBoosting } from './GradientBoosting';
import { RandomForest } from './RandomForest';

// Fits on one thread reuse its WebAssembly kernel instances (leaseKernel). This file's first
// fits run on fresh instances; the same fits after others, on reused ones, must give the same
// model, whether the fit in between was larger or smaller.

const json = (model: { toJSON(): unknown }) => JSON.stringify(model.toJSON());

describe('fits on reused kernel instances', () => {
  test('boosting gives the model a fresh instance gives, after a larger and a smaller fit', () => {
    const { train } = friedmanProblem('regression', 1200, 3);
    const larger = friedmanProblem('binary', 3000, 4, { width: 9 }).train;
    const smaller = friedmanProblem('regression', 300, 5).train;
    const params = { max_iter: 15, early_stopping: 0 };
    const fresh = json(GradientBoosting.fit(train, params, 1));
    GradientBoosting.fit(larger, params, 2);
    expect(json(GradientBoosting.fit(train, params, 1))).toBe(fresh);
    GradientBoosting.fit(smaller, params, 2);
    expect(json(GradientBoosting.fit(train, params, 1))).toBe(fresh);
  });

  test('a forest gives the model a fresh instance gives, after other fits', () => {
    const { train } = friedmanProblem('binary', 1500, 6);
    const other = friedmanProblem('regression', 2500, 7, { width: 8 }).train;
    const params = { n_estimators: 10, n_jobs: 1 };
    const fresh = json(RandomForest.fit(train, params, 3));
    RandomForest.fit(other, params, 3);
    GradientBoosting.fit(other, { max_iter: 5 }, 3);
    expect(json(RandomForest.fit(train, params, 3))).toBe(fresh);
  });
});
