import { createRng } from '@mlops/features';
import { DecisionTreeClassifier, DecisionTreeRegression } from 'ml-cart';
import { friedmanProblem } from '../__tests__/syntheticData';
import { RandomForest } from '../estimators/RandomForest';
import { FeatureBinner } from './FeatureBinner';
import { TreeGrower } from './TreeGrower';

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

test('a node whose rows all hold one target value becomes a leaf without drawing a feature', () => {
  // Two features; rows with x0 < 0.5 all have y = 1, the others alternate: with the targets'
  // values given, the pure side is never searched, so the feature sampler is drawn less.
  const rows = 64;
  const width = 2;
  const x = new Float64Array(rows * width);
  const y = new Float64Array(rows);
  for (let row = 0; row < rows; row += 1) {
    x[row * width] = row / rows;
    x[row * width + 1] = (row * 7) % rows;
    y[row] = row < rows / 2 ? 1 : row % 2;
  }
  const binner = FeatureBinner.fit(x, rows, width, { maxBins: 255 });
  const grow = (values: Float64Array | undefined) => {
    let draws = 0;
    const random = createRng(3).next;
    const grower = new TreeGrower(binner.transform(x, rows, width), rows, width, binner.edges, 1, {
      maxLeafNodes: Infinity,
      maxDepth: Infinity,
      minSamplesLeaf: 1,
      minSamplesSplit: 2,
      minHessianLeaf: 0,
      l2: 0,
      shrinkage: 1,
      maxFeatures: 1,
      random: () => {
        draws += 1;
        return random();
      },
    });
    const gradients = Float64Array.from(y, (v) => -v);
    const sample = Int32Array.from({ length: rows }, (_, i) => i);
    const { tree } = grower.grow({ gradients, hessians: null, counts: null, values }, sample, rows);
    const predictions = new Float64Array(rows);
    tree.addTo(x, rows, width, predictions, 1, 0);
    return { draws, predictions };
  };
  const searched = grow(undefined);
  const skipped = grow(y);
  expect(skipped.draws).toBeLessThan(searched.draws);
  // Fully grown either way: every row predicts its own target.
  expect(Array.from(skipped.predictions)).toEqual(Array.from(y));
  expect(Array.from(searched.predictions)).toEqual(Array.from(y));
});
