import type { FlatTree } from '../trees/FlatTree';
import { addLinearTreeShap } from './addLinearTreeShap';
import { expectedTreeValue } from './expectedTreeValue';
import { LinearTreeShapWorkspace, maxDistinctFeatures } from './LinearTreeShapWorkspace';
import { TreeShapKernel } from './TreeShapKernel';
import { treeDepth } from './TreeShapWorkspace';

/**
 * TreeSHAP for a sum of trees: `base[k] + scale × Σ_t tree_t(x)[k − first(t)]`, where tree
 * `t` adds its `channels` outputs from output `first(t)` on (boosting: one single-output
 * tree per class, `t % classes`; forests: every tree all outputs, from 0, `scale` = 1/trees).
 * Each tree is explained by {@link addLinearTreeShap} (the numbers of Algorithm 2's
 * {@link addTreeShap}, in time linear in the tree's size), in WebAssembly when every
 * tree has one output ({@link TreeShapKernel}: 4–5× faster), else in JavaScript. Expected
 * values and the workspace are prepared once, so explaining a row allocates nothing
 * beyond its result.
 */
export class TreeEnsembleExplainer {
  /** `base` plus the scaled expectations of the trees, one per output. */
  readonly expectedValue: Float64Array;
  // One workspace per number of quadrature points the trees need (it follows the most
  // distinct features on one path of each tree), and each tree's.
  private readonly workspaces: LinearTreeShapWorkspace[];
  private readonly firsts: Int32Array;
  private readonly kernel: TreeShapKernel | null;

  constructor(
    private readonly trees: readonly FlatTree[],
    readonly width: number,
    readonly outputs: number,
    first: (t: number) => number,
    base: Float64Array,
    private readonly scale = 1,
  ) {
    this.expectedValue = Float64Array.from(base);
    this.firsts = Int32Array.from(trees, (_, t) => first(t));
    let deepest = 0;
    let channels = 1;
    const distinct = trees.map((tree, t) => {
      expectedTreeValue(tree, this.expectedValue, this.firsts[t], scale);
      deepest = Math.max(deepest, treeDepth(tree));
      channels = Math.max(channels, tree.channels);
      return Math.max(1, maxDistinctFeatures(tree, width));
    });
    const byPoints = new Map<number, LinearTreeShapWorkspace>();
    this.workspaces = distinct.map((d) => {
      const points = Math.ceil(d / 2);
      let workspace = byPoints.get(points);
      if (!workspace) {
        workspace = new LinearTreeShapWorkspace(deepest, width, channels, 2 * points);
        byPoints.set(points, workspace);
      }
      return workspace;
    });
    this.kernel = TreeShapKernel.create(trees, width, outputs, this.firsts, this.workspaces, deepest, scale);
  }

  /**
   * Adds the contributions of row `row` of `x` (`width` columns) to
   * `out[outBase + k * width + j]` for every output `k` and feature `j`.
   */
  explainRow(x: Float64Array, row: number, out: Float64Array, outBase: number): void {
    if (this.kernel) {
      this.kernel.explainRow(x, row, out, outBase);
      return;
    }
    const { trees, width, firsts, workspaces, scale } = this;
    for (let t = 0; t < trees.length; t += 1)
      addLinearTreeShap(
        trees[t],
        x,
        row * width,
        width,
        out,
        outBase + firsts[t] * width,
        workspaces[t],
        scale,
      );
  }

  /** Contributions of every row, laid out as {@link Explanation.contributions}. */
  contributions(x: Float64Array, rows: number): Float64Array {
    const { width, outputs } = this;
    const out = new Float64Array(rows * outputs * width);
    for (let row = 0; row < rows; row += 1) this.explainRow(x, row, out, row * outputs * width);
    return out;
  }
}
