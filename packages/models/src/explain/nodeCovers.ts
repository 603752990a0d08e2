import { FlatTree } from '../trees/FlatTree';

/**
 * The tree with its covers replaced by the number of rows of `x` (`rows × width`,
 * row-major) that pass through each node, routed as prediction routes them.
 */
export function withRowCovers(tree: FlatTree, x: Float64Array, rows: number, width: number): FlatTree {
  const cover = new Float64Array(tree.nodeCount);
  const { feature, threshold, left, right, missingLeft } = tree;
  for (let row = 0; row < rows; row += 1) {
    const base = row * width;
    let node = 0;
    cover[0] += 1;
    while (feature[node] >= 0) {
      const v = x[base + feature[node]];
      const t = threshold[node];
      node = v <= t ? left[node] : v > t || missingLeft[node] === 0 ? right[node] : left[node];
      cover[node] += 1;
    }
  }
  return new FlatTree(feature, threshold, left, right, tree.value, tree.channels, cover, missingLeft);
}
