import type { FlatTree } from '../trees/FlatTree';

/**
 * The share of `node`'s training weight that went to `child`: the probability with which
 * the path-dependent expectation follows `child` when the split's feature is unknown.
 * A node no training weight reached (possible when covers come from other rows than the
 * training set) splits evenly, so expectations stay finite and additivity still holds.
 */
export function childFraction(tree: FlatTree, node: number, child: number): number {
  const total = tree.cover[node];
  return total > 0 ? tree.cover[child] / total : 0.5;
}
