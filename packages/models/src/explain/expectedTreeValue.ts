import type { FlatTree } from '../trees/FlatTree';
import { childFraction } from './childFraction';

/**
 * The tree's output averaged over its training weight (its leaves weighted by the share
 * of the cover that reached them): the expected value TreeSHAP's contributions start
 * from. Writes `tree.channels` numbers to `out[offset…]` (adding `scale ×` each).
 */
export function expectedTreeValue(tree: FlatTree, out: Float64Array, offset = 0, scale = 1): void {
  const { feature, left, right, value, channels } = tree;
  // Children follow their parent, so one forward pass carries each node's share down.
  const share = new Float64Array(tree.nodeCount);
  share[0] = 1;
  for (let node = 0; node < tree.nodeCount; node += 1) {
    if (feature[node] < 0) {
      for (let c = 0; c < channels; c += 1)
        out[offset + c] += scale * share[node] * value[node * channels + c];
      continue;
    }
    share[left[node]] = share[node] * childFraction(tree, node, left[node]);
    share[right[node]] = share[node] * childFraction(tree, node, right[node]);
  }
}
