import type { FlatTree } from '../trees/FlatTree';

/**
 * The scratch memory of {@link addTreeShap}: the "unique paths" of Lundberg et al.'s
 * Algorithm 2 as four parallel typed arrays (split feature, zero fraction, one fraction,
 * permutation weight). Every recursion level owns one segment, so a tree of depth `D`
 * needs `(D + 2)(D + 3) / 2` entries; sized once for the deepest tree of a model, a
 * row's explanation then allocates nothing.
 */
export class TreeShapWorkspace {
  feature: Int32Array;
  zero: Float64Array;
  one: Float64Array;
  weight: Float64Array;
  /** `1 / k` for k = 0…depth + 2, so the walk multiplies where Algorithm 2 divides. */
  reciprocals: Float64Array;

  /** @param depth the deepest tree the workspace must hold (root = depth 0) */
  constructor(depth = 0) {
    const size = TreeShapWorkspace.sizeFor(depth);
    this.feature = new Int32Array(size);
    this.zero = new Float64Array(size);
    this.one = new Float64Array(size);
    this.weight = new Float64Array(size);
    this.reciprocals = reciprocalsUpTo(depth + 3);
  }

  /** Entries needed for a tree of depth `depth`. */
  static sizeFor(depth: number): number {
    const levels = depth + 2;
    return (levels * (levels + 1)) / 2;
  }

  /** Grows the buffers (outside any hot loop) so a tree of depth `depth` fits. */
  ensureDepth(depth: number): void {
    const size = TreeShapWorkspace.sizeFor(depth);
    if (this.feature.length >= size) return;
    this.feature = new Int32Array(size);
    this.zero = new Float64Array(size);
    this.one = new Float64Array(size);
    this.weight = new Float64Array(size);
    this.reciprocals = reciprocalsUpTo(depth + 3);
  }
}

function reciprocalsUpTo(n: number): Float64Array {
  const table = new Float64Array(n + 1);
  for (let k = 1; k <= n; k += 1) table[k] = 1 / k;
  return table;
}

/** Depth of a tree's deepest leaf (root = 0); nodes come after their parent, so one pass suffices. */
export function treeDepth(tree: FlatTree): number {
  const depth = new Int32Array(tree.nodeCount);
  let deepest = 0;
  for (let node = 0; node < tree.nodeCount; node += 1) {
    if (tree.feature[node] < 0) {
      if (depth[node] > deepest) deepest = depth[node];
      continue;
    }
    depth[tree.left[node]] = depth[node] + 1;
    depth[tree.right[node]] = depth[node] + 1;
  }
  return deepest;
}
