import { SMALL_DESIGN } from './__tests__/smallDesign';
import { LogisticRegression } from './LogisticRegression';
import { RidgeRegression } from './RidgeRegression';

// X, y below; references from scikit-learn 1.2.1:
//   LogisticRegression(C=1.0, tol=1e-10, max_iter=1000).fit(X, y).coef_, .intercept_
//   Ridge(alpha=1.0).fit(X, y_reg).coef_, .intercept_
// The first 8 rows of the shared design.
const X = SMALL_DESIGN.slice(0, 8);
const data = (y: number[], classes: number) => ({
  x: Float64Array.from(X.flat()),
  rows: 8,
  width: 2,
  y: Float64Array.from(y),
  classes,
});

test('logistic regression finds the coefficients scikit-learn finds', () => {
  const model = LogisticRegression.fit(data([1, 1, 0, 1, 0, 0, 1, 0], 2), { C: 1 });
  expect(model.weights[0]).toBeCloseTo(1.2128563671141481, 5);
  expect(model.weights[1]).toBeCloseTo(0.5700581808034565, 5);
  expect(model.intercept).toBeCloseTo(-0.41530880135287596, 5);
});

test('ridge regression finds the coefficients scikit-learn finds', () => {
  const model = RidgeRegression.fit(data([1, 2, -1, 4, 0.5, 0, 2.5, -2], 1), { alpha: 1 });
  expect(model.weights[0]).toBeCloseTo(1.1580615820871565, 10);
  expect(model.weights[1]).toBeCloseTo(0.30453305155025284, 10);
  expect(model.intercept).toBeCloseTo(0.5893435167598513, 10);
});

test('rejects a non-positive C and a non-binary target', () => {
  expect(() => LogisticRegression.fit(data([1, 1, 0, 1, 0, 0, 1, 0], 2), { C: 0 })).toThrow(/C must be > 0/);
  expect(() => LogisticRegression.fit(data([1, 2, 0, 1, 0, 0, 1, 0], 3))).toThrow(/binary targets/);
});
