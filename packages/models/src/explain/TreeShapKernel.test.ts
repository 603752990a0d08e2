import { createRng } from '@mlops/features';
import { FlatTree } from '../trees/FlatTree';
import { bruteForceShapley, coalitionValue, randomTree } from './__tests__/randomTrees';
import { addLinearTreeShap } from './addLinearTreeShap';
import { LinearTreeShapWorkspace, maxDistinctFeatures } from './LinearTreeShapWorkspace';
import { TreeEnsembleExplainer } from './TreeEnsembleExplainer';
import { TreeShapKernel } from './TreeShapKernel';
import { treeDepth } from './TreeShapWorkspace';

function randomRow(rng: ReturnType<typeof createRng>, features: number, missingShare: number): Float64Array {
  return Float64Array.from({ length: features }, () => (rng.next() < missingShare ? Number.NaN : rng.next()));
}

/** The kernel for `trees` with the quadrature sizes TreeEnsembleExplainer gives them. */
function kernelFor(trees: FlatTree[], width: number, outputs: number, firsts: Int32Array, scale: number) {
  const depth = Math.max(...trees.map((tree) => treeDepth(tree)));
  const workspaces = trees.map(
    (tree) =>
      new LinearTreeShapWorkspace(
        depth,
        width,
        1,
        2 * Math.ceil(Math.max(1, maxDistinctFeatures(tree, width)) / 2),
      ),
  );
  const kernel = TreeShapKernel.create(trees, width, outputs, firsts, workspaces, depth, scale);
  if (!kernel) throw new Error('expected a kernel for one-output trees');
  return { kernel, workspaces };
}

const cases = [
  { name: 'shallow trees on 3 features', features: 3, maxDepth: 4, missing: 0, empty: 0 },
  { name: 'deep trees on 8 features (features repeat)', features: 8, maxDepth: 10, missing: 0, empty: 0 },
  { name: 'rows with missing values on 6 features', features: 6, maxDepth: 7, missing: 0.3, empty: 0 },
  { name: 'leaves no training weight reached', features: 5, maxDepth: 6, missing: 0.1, empty: 0.3 },
];

describe.each(cases)('the WebAssembly walk: $name', (c) => {
  test('equals brute-force Shapley values and the JavaScript walk within 1e-12 (30 trees × 4 rows)', () => {
    const rng = createRng(99 + c.features);
    let checked = 0;
    for (let t = 0; t < 30; t += 1) {
      const tree = randomTree(500 * c.features + t, {
        features: c.features,
        maxDepth: c.maxDepth,
        emptyLeafShare: c.empty,
      });
      const { kernel, workspaces } = kernelFor([tree], c.features, 1, Int32Array.of(0), 1);
      for (let r = 0; r < 4; r += 1) {
        const row = randomRow(rng, c.features, c.missing);
        const fast = new Float64Array(c.features);
        const js = new Float64Array(c.features);
        kernel.explainRow(row, 0, fast, 0);
        addLinearTreeShap(tree, row, 0, c.features, js, 0, workspaces[0]);
        const exact = bruteForceShapley((known) => coalitionValue(tree, row, known, 0), c.features);
        for (let f = 0; f < c.features; f += 1) {
          expect(Math.abs(fast[f] - exact[f])).toBeLessThan(1e-9);
          expect(Math.abs(fast[f] - js[f])).toBeLessThan(1e-12);
          checked += 1;
        }
      }
    }
    expect(checked).toBe(30 * 4 * c.features);
  });
});

test('trees adding to different outputs (multiclass boosting) and a scale land where the JavaScript walk puts them', () => {
  const width = 7;
  const outputs = 3;
  const trees = Array.from({ length: 12 }, (_, t) => randomTree(7000 + t, { features: width, maxDepth: 8 }));
  const firsts = Int32Array.from(trees, (_, t) => t % outputs);
  const { kernel, workspaces } = kernelFor(trees, width, outputs, firsts, 0.25);
  const rng = createRng(5);
  const x = Float64Array.from({ length: 10 * width }, () => (rng.next() < 0.1 ? Number.NaN : rng.next()));
  let worst = 0;
  for (let row = 0; row < 10; row += 1) {
    const fast = new Float64Array(outputs * width);
    const js = new Float64Array(outputs * width);
    kernel.explainRow(x, row, fast, 0);
    trees.forEach((tree, t) => {
      addLinearTreeShap(tree, x, row * width, width, js, firsts[t] * width, workspaces[t], 0.25);
    });
    for (let i = 0; i < js.length; i += 1) worst = Math.max(worst, Math.abs(fast[i] - js[i]));
    // Every output got contributions: the records' phi offsets are used.
    for (let k = 0; k < outputs; k += 1)
      expect(fast.subarray(k * width, (k + 1) * width).some((v) => v !== 0)).toBe(true);
  }
  expect(worst).toBeLessThan(1e-12);
});

test('a tree that is one leaf adds nothing, and rows are read at their offset', () => {
  const leaf = new FlatTree(
    Int32Array.of(-1),
    Float64Array.of(0),
    Int32Array.of(-1),
    Int32Array.of(-1),
    Float64Array.of(3),
    1,
    Float64Array.of(10),
  );
  const split = randomTree(42, { features: 4, maxDepth: 5 });
  const { kernel, workspaces } = kernelFor([leaf, split], 4, 1, Int32Array.of(0, 0), 1);
  const rows = Float64Array.of(0.9, 0.1, 0.5, 0.3, 0.2, 0.8, 0.4, 0.6);
  const fast = new Float64Array(4);
  const js = new Float64Array(4);
  kernel.explainRow(rows, 1, fast, 0);
  addLinearTreeShap(split, rows, 4, 4, js, 0, workspaces[1]);
  for (let f = 0; f < 4; f += 1) expect(fast[f]).toBeCloseTo(js[f], 12);
});

test('trees with several outputs per leaf keep the JavaScript walk', () => {
  const tree = randomTree(1, { features: 3, maxDepth: 3, channels: 2 });
  const workspace = new LinearTreeShapWorkspace(treeDepth(tree), 3, 2);
  expect(TreeShapKernel.create([tree], 3, 2, Int32Array.of(0), [workspace], treeDepth(tree), 1)).toBeNull();
  // …and the explainer still explains them, through that walk.
  const explainer = new TreeEnsembleExplainer([tree], 3, 2, () => 0, new Float64Array(2));
  const row = Float64Array.of(0.2, 0.7, 0.4);
  const js = new Float64Array(6);
  addLinearTreeShap(tree, row, 0, 3, js, 0, workspace);
  const contributions = explainer.contributions(row, 1);
  for (let i = 0; i < js.length; i += 1) expect(contributions[i]).toBeCloseTo(js[i], 12);
});
