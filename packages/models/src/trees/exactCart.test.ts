import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TrainingData } from '../estimators/Estimator';
import { RandomForest } from '../estimators/RandomForest';
import type { FlatTree } from './FlatTree';

// One un-bootstrapped tree over all features is a plain CART tree grown on histograms. With
// 1000 rows whose features take 64 values each, every value has its own bin, so the candidate
// splits are CART's; where the larger child has 256 rows or more (three splits of the regression
// tree, five of the classification tree, the root's among them) its histogram is the parent's
// minus its sibling's.
//
// The data is an LCG, reproduced in Python for the reference (scikit-learn 1.2.1):
//   def lcg(s):
//       while True: s = (1664525 * s + 1013904223) % 2**32; yield s
//   r = lcg(7); X, yr, yc = [], [], []
//   for i in range(1000):
//       x = [next(r) // 2**26 / 4 for j in range(4)]; e = next(r) / 2**32 - 0.5; X.append(x)
//       yr.append(2 * x[0] + (x[1] - 8) * (x[1] - 8) / 4 + x[2] * x[3] / 16 + 4 * e)
//       yc.append(1 if x[0] + x[1] / 2 + 10 * e > 11 else 0)
//   t = DecisionTreeRegressor(max_depth=4, min_samples_leaf=5, random_state=0).fit(X, yr).tree_
//   t = DecisionTreeClassifier(max_depth=4, min_samples_leaf=5, random_state=0).fit(X, yc).tree_
// and read off t.feature (−2 on leaves), t.threshold, t.n_node_samples and t.value (the mean,
// or the share of class 1) in node order, which is depth-first with the left child first, as
// FlatTree's. random_state 0…19 give the same trees: no split is a tie between features.
function lcgProblem(y: 'regression' | 'classification'): TrainingData {
  let state = 7;
  // 1664525 · 2³² < 2⁵³: exact in doubles.
  const next = () => {
    state = (1664525 * state + 1013904223) % 4294967296;
    return state;
  };
  const rows = 1000;
  const x = new Float64Array(rows * 4);
  const target = new Float64Array(rows);
  for (let row = 0; row < rows; row += 1) {
    const v = [0, 1, 2, 3].map(() => Math.floor(next() / 67108864) / 4);
    const e = next() / 4294967296 - 0.5;
    x.set(v, row * 4);
    target[row] =
      y === 'regression'
        ? 2 * v[0] + ((v[1] - 8) * (v[1] - 8)) / 4 + (v[2] * v[3]) / 16 + 4 * e
        : v[0] + v[1] / 2 + 10 * e > 11
          ? 1
          : 0;
  }
  return { x, rows, width: 4, y: target, classes: y === 'regression' ? 1 : 2 };
}

/** Training rows reaching each node, by walking every row down the tree. */
function rowsPerNode(tree: FlatTree, data: TrainingData): number[] {
  const counts = new Array<number>(tree.nodeCount).fill(0);
  for (let row = 0; row < data.rows; row += 1) {
    let node = 0;
    counts[0] += 1;
    while (tree.feature[node] >= 0) {
      const value = data.x[row * data.width + tree.feature[node]];
      node = value <= tree.threshold[node] ? tree.left[node] : tree.right[node];
      counts[node] += 1;
    }
  }
  return counts;
}

/** One reference tree: t.feature, t.n_node_samples, the split nodes' t.threshold, the leaves' t.value. */
interface Reference {
  feature: number[];
  samples: number[];
  threshold: number[];
  leaves: number[];
}

// The two trees read off as above, kept in a fixture file.
const cases: Record<'regression' | 'classification', Reference> = JSON.parse(
  readFileSync(join(__dirname, '__tests__', 'fixtures', 'exactCartReference.json'), 'utf8'),
);

test.each(Object.entries(cases))(
  'a depth-4 histogram %s tree on 1000 rows is scikit-learn’s CART tree, node for node',
  (task, expected) => {
    const data = lcgProblem(task as keyof typeof cases);
    const params = { n_estimators: 1, bootstrap: 0, max_features: 1, max_depth: 4, min_samples_leaf: 5 };
    const model = RandomForest.fit(data, params, 0);
    const tree = model.trees[0];
    expect(Array.from(tree.feature, (f) => (f < 0 ? -2 : f))).toEqual(expected.feature);
    expect(rowsPerNode(tree, data)).toEqual(expected.samples);
    const internal = [...tree.feature.keys()].filter((node) => tree.feature[node] >= 0);
    expect(internal.map((node) => tree.threshold[node])).toEqual(expected.threshold);
    // A leaf predicts the offset plus its value: the mean, or the share of class 1, of its rows.
    const leaves = [...tree.feature.keys()].filter((node) => tree.feature[node] < 0);
    leaves.forEach((node, i) => {
      expect(Math.abs(model.offset[0] + tree.value[node] - expected.leaves[i])).toBeLessThanOrEqual(1e-12);
    });
  },
);
