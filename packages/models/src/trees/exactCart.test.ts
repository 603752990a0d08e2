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

const cases = {
  regression: {
    feature: [
      0, 0, 1, 1, -2, -2, 1, -2, -2, 1, 1, -2, -2, 1, -2, -2, 0, 0, 1, -2, -2, 2, -2, -2, 1, 1, -2, -2, 1, -2,
      -2,
    ],
    samples: [
      1000, 491, 203, 25, 7, 18, 178, 143, 35, 288, 34, 16, 18, 254, 211, 43, 509, 331, 182, 36, 146, 149, 72,
      77, 178, 32, 18, 14, 146, 113, 33,
    ],
    // Internal nodes in order. Two differ from scikit-learn's 8.0 and 1.5 with the same rows on
    // each side: scikit-learn splits midway between the values present in the node, the
    // histogram learner at the bin edge between all training values (7.75 | 7.875 | 8, of which
    // the node holds no 8; 1.25 | 1.375 | 1.5, of which it holds no 1.5).
    threshold: [
      7.375, 2.875, 2.375, 0.875, 13.625, 2.125, 0.875, 13.375, 13.125, 10.375, 3.375, 7.875, 2.625, 1.375,
      12.625,
    ],
    leaves: [
      23.451848255470395, 17.670603044693255, 8.941676089064693, 16.68001994679549, 29.121117915259674,
      25.17094103438366, 17.129914736481144, 24.497101312243316, 32.18744603992026, 25.172174649153618,
      28.84321241684827, 35.0994021363387, 46.48205351146559, 41.96111393526995, 35.20302236688414,
      42.66119071381223,
    ],
  },
  classification: {
    feature: [
      0, 0, 1, 1, -2, -2, 0, -2, -2, 1, 3, -2, -2, 3, -2, -2, 0, 1, 3, -2, -2, 1, -2, -2, 1, 2, -2, -2, 0, -2,
      -2,
    ],
    samples: [
      1000, 540, 296, 282, 177, 105, 14, 9, 5, 244, 140, 6, 134, 104, 52, 52, 460, 133, 73, 36, 37, 60, 25,
      35, 327, 35, 26, 9, 292, 116, 176,
    ],
    threshold: [
      8.125, 4.375, 14.875, 10.125, 2.875, 8.875, 0.625, 7.125, 10.375, 8.875, 7.875, 11.375, 1.875, 13.625,
      12.875,
    ],
    leaves: [
      0.022598870056497175, 0.13333333333333333, 0.3333333333333333, 1.0, 0.8333333333333334,
      0.19402985074626866, 0.8269230769230769, 0.6153846153846154, 0.75, 0.35135135135135137, 0.8, 1.0,
      0.9230769230769231, 0.1111111111111111, 0.9137931034482759, 1.0,
    ],
  },
};

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
