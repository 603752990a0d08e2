import { DecisionTreeClassifier, DecisionTreeRegression } from 'ml-cart';
import { friedmanProblem } from '../__tests__/syntheticData';
import { RandomForest } from '../estimators/RandomForest';

// One un-bootstrapped tree over all features is a plain CART tree grown on histograms; with
// 240 training rows every value has its own bin, so the candidate splits are CART's.
const singleTree = { n_estimators: 1, bootstrap: 0, max_features: 1, min_samples_split: 4 };
const asRows = (x: Float64Array, rows: number, width: number) =>
  Array.from({ length: rows }, (_, r) => Array.from(x.subarray(r * width, (r + 1) * width)));

test.each([2, 3, 4])(
  'a histogram classification tree of depth %i agrees with ml-cart on ≥ 95 %% of rows',
  (depth) => {
    const { train, test } = friedmanProblem('binary', 320, 11, { noise: 0.3 });
    const cart = new DecisionTreeClassifier({ maxDepth: depth, minNumSamples: 3, gainThreshold: 0 });
    cart.train(asRows(train.x, train.rows, train.width), Array.from(train.y));
    const expected = cart.predict(asRows(test.x, test.rows, test.width));
    const ours = RandomForest.fit(train, { ...singleTree, max_depth: depth }, 1);
    const p = new Float64Array(test.rows);
    ours.predict(test.x, test.rows, p);
    let equal = 0;
    for (let row = 0; row < test.rows; row += 1) if ((p[row] >= 0.5 ? 1 : 0) === expected[row]) equal += 1;
    expect(equal / test.rows).toBeGreaterThanOrEqual(0.95);
  },
);

test('a histogram regression tree of depth 3 predicts what ml-cart predicts on ≥ 95 % of rows', () => {
  const { train, test } = friedmanProblem('regression', 320, 12, { noise: 0.3 });
  const cart = new DecisionTreeRegression({ maxDepth: 3, minNumSamples: 3 });
  cart.train(asRows(train.x, train.rows, train.width), Array.from(train.y));
  const expected = cart.predict(asRows(test.x, test.rows, test.width));
  const ours = RandomForest.fit(train, { ...singleTree, max_depth: 3 }, 1);
  const p = new Float64Array(test.rows);
  ours.predict(test.x, test.rows, p);
  let equal = 0;
  for (let row = 0; row < test.rows; row += 1) if (Math.abs(p[row] - expected[row]) < 1e-9) equal += 1;
  expect(equal / test.rows).toBeGreaterThanOrEqual(0.95);
});

test('leaf-wise growth respects the leaf budget, the depth limit and the leaf size', () => {
  const { train } = friedmanProblem('regression', 2000, 13);
  const model = RandomForest.fit(train, { ...singleTree, max_leaf_nodes: 9, min_samples_leaf: 50 }, 1);
  const tree = model.trees[0];
  expect(tree.leafCount).toBe(9);
  const leafRows = new Map<number, number>();
  for (let row = 0; row < train.rows; row += 1) {
    const leaf = tree.leafOf(train.x, row, train.width);
    leafRows.set(leaf, (leafRows.get(leaf) ?? 0) + 1);
  }
  expect(Math.min(...leafRows.values())).toBeGreaterThanOrEqual(50);
  const deep = RandomForest.fit(train, { ...singleTree, max_depth: 2 }, 1);
  expect(deep.trees[0].leafCount).toBe(4);
});
