import { createRng } from '@mlops/features';
import { friedmanProblem } from '../__tests__/syntheticData';
import { estimatorCatalog } from '../estimators/estimatorCatalog';
import type { RandomForest } from '../estimators/RandomForest';
import { bruteForceShapley, coalitionValue, randomTree } from './__tests__/randomTrees';
import { addLinearTreeShap } from './addLinearTreeShap';
import { addTreeShap } from './addTreeShap';
import { gaussLegendreUnit, LinearTreeShapWorkspace, maxDistinctFeatures } from './LinearTreeShapWorkspace';
import { TreeEnsembleExplainer } from './TreeEnsembleExplainer';
import { TreeShapWorkspace, treeDepth } from './TreeShapWorkspace';

function randomRow(rng: ReturnType<typeof createRng>, features: number, missingShare: number): Float64Array {
  return Float64Array.from({ length: features }, () => (rng.next() < missingShare ? Number.NaN : rng.next()));
}

test('Gauss–Legendre points on [0, 1] integrate x^k exactly up to degree 2m − 1', () => {
  for (const m of [1, 2, 5, 9, 16]) {
    const { points, weights } = gaussLegendreUnit(m);
    for (let k = 0; k <= 2 * m - 1; k += 1) {
      let integral = 0;
      for (let q = 0; q < m; q += 1) integral += weights[q] * points[q] ** k;
      expect(Math.abs(integral - 1 / (k + 1))).toBeLessThan(1e-14);
    }
  }
});

const cases = [
  { name: 'shallow trees on 3 features', features: 3, maxDepth: 4, channels: 1, missing: 0, empty: 0 },
  {
    name: 'deep trees on 8 features (features repeat)',
    features: 8,
    maxDepth: 9,
    channels: 1,
    missing: 0,
    empty: 0,
  },
  { name: 'three-channel trees on 5 features', features: 5, maxDepth: 6, channels: 3, missing: 0, empty: 0 },
  {
    name: 'rows with missing values on 6 features',
    features: 6,
    maxDepth: 7,
    channels: 1,
    missing: 0.3,
    empty: 0,
  },
  {
    name: 'leaves no training weight reached',
    features: 4,
    maxDepth: 6,
    channels: 2,
    missing: 0.1,
    empty: 0.3,
  },
];

describe.each(cases)('Linear TreeSHAP: $name', (c) => {
  test('equals brute-force Shapley values over all subsets, and addTreeShap, within 1e-9 (40 trees × 5 rows)', () => {
    const rng = createRng(4321 + c.features);
    const reference = new TreeShapWorkspace();
    let checked = 0;
    for (let tree_ = 0; tree_ < 40; tree_ += 1) {
      const tree = randomTree(200 * c.features + tree_, {
        features: c.features,
        maxDepth: c.maxDepth,
        channels: c.channels,
        emptyLeafShare: c.empty,
      });
      const depth = treeDepth(tree);
      reference.ensureDepth(depth);
      const workspace = new LinearTreeShapWorkspace(depth, c.features, c.channels);
      for (let r = 0; r < 5; r += 1) {
        const row = randomRow(rng, c.features, c.missing);
        const fast = new Float64Array(c.features * c.channels);
        const slow = new Float64Array(c.features * c.channels);
        addLinearTreeShap(tree, row, 0, c.features, fast, 0, workspace);
        addTreeShap(tree, row, 0, c.features, slow, 0, reference);
        for (let channel = 0; channel < c.channels; channel += 1) {
          const exact = bruteForceShapley((known) => coalitionValue(tree, row, known, channel), c.features);
          for (let f = 0; f < c.features; f += 1) {
            const i = channel * c.features + f;
            expect(Math.abs(fast[i] - exact[f])).toBeLessThan(1e-9);
            expect(Math.abs(fast[i] - slow[i])).toBeLessThan(1e-9);
            checked += 1;
          }
        }
      }
    }
    expect(checked).toBe(40 * 5 * c.features * c.channels);
  });
});

test('on deep trees (depth 18, 20 features) it agrees with addTreeShap within 1e-9', () => {
  const rng = createRng(77);
  const reference = new TreeShapWorkspace();
  let worst = 0;
  for (let k = 0; k < 6; k += 1) {
    const tree = randomTree(9000 + k, { features: 20, maxDepth: 18, channels: 2 });
    const depth = treeDepth(tree);
    reference.ensureDepth(depth);
    const workspace = new LinearTreeShapWorkspace(depth, 20, 2);
    for (let r = 0; r < 3; r += 1) {
      const row = randomRow(rng, 20, 0.05);
      const fast = new Float64Array(40);
      const slow = new Float64Array(40);
      addLinearTreeShap(tree, row, 0, 20, fast, 0, workspace, 0.01);
      addTreeShap(tree, row, 0, 20, slow, 0, reference, 0.01);
      for (let i = 0; i < 40; i += 1) worst = Math.max(worst, Math.abs(fast[i] - slow[i]));
    }
  }
  expect(worst).toBeLessThan(1e-9);
});

test('maxDistinctFeatures counts the most distinct features on one path', () => {
  for (let k = 0; k < 20; k += 1) {
    const tree = randomTree(300 + k, { features: 6, maxDepth: 9 });
    let best = 0;
    const walk = (node: number, path: number[]): void => {
      if (tree.feature[node] < 0) {
        best = Math.max(best, new Set(path).size);
        return;
      }
      walk(tree.left[node], [...path, tree.feature[node]]);
      walk(tree.right[node], [...path, tree.feature[node]]);
    };
    walk(0, []);
    expect(maxDistinctFeatures(tree, 6)).toBe(best);
  }
});

test('a fitted forest explained by TreeEnsembleExplainer (per-tree quadrature sizes) matches addTreeShap within 1e-9', () => {
  const { train, test: heldOut } = friedmanProblem('multiclass', 1500, 8);
  const forest = estimatorCatalog.random_forest.fit(train, { n_estimators: 12 }, 3) as RandomForest;
  const { width, outputs, trees } = forest;
  const explainer = new TreeEnsembleExplainer(
    trees,
    width,
    outputs,
    () => 0,
    forest.offset,
    1 / trees.length,
  );
  const fast = explainer.contributions(heldOut.x, 30);
  const reference = new TreeShapWorkspace(Math.max(...trees.map((tree) => treeDepth(tree))));
  const slow = new Float64Array(fast.length);
  for (let row = 0; row < 30; row += 1)
    for (const tree of trees)
      addTreeShap(
        tree,
        heldOut.x,
        row * width,
        width,
        slow,
        row * outputs * width,
        reference,
        1 / trees.length,
      );
  let worst = 0;
  for (let i = 0; i < fast.length; i += 1) worst = Math.max(worst, Math.abs(fast[i] - slow[i]));
  expect(worst).toBeLessThan(1e-9);
});
