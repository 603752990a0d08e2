import { SMALL_DESIGN } from './__tests__/smallDesign';
import { SoftmaxRegression } from './SoftmaxRegression';

// Reference: the exact optimum of scikit-learn's multinomial objective
//   sum(logsumexp(Z) - Z[y]) + ||W||²/2  (C = 1, intercepts unpenalised)
// found by scipy.optimize.minimize(method='BFGS', gtol=1e-12) with SciPy 1.10, then
// softmax(X[:3] W' + c). scikit-learn 1.2.1's LogisticRegression(C=1.0, tol=1e-10) stops
// within 5e-6 of these probabilities (objective 5.2062932981 vs 5.2062932974).
const X = SMALL_DESIGN;
const y = [2, 1, 0, 2, 1, 0, 2, 0, 1, 1, 0, 1];

test('multinomial logistic regression gives the probabilities scikit-learn gives', () => {
  const model = SoftmaxRegression.fit(
    { x: Float64Array.from(X.flat()), rows: 12, width: 2, y: Float64Array.from(y), classes: 3 },
    { C: 1, tol: 1e-10 },
  );
  const out = new Float64Array(9);
  model.predict(Float64Array.from(X.slice(0, 3).flat()), 3, out);
  const expected = [
    [0.22111487541945754, 0.21708082350331423, 0.5618043010772281],
    [0.02298819512653057, 0.8688034146349509, 0.10820839023851833],
    [0.8073709460562997, 0.10461254389833795, 0.08801651004536219],
  ].flat();
  expected.forEach((p, i) => {
    expect(out[i]).toBeCloseTo(p, 7);
  });
});
