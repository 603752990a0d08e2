import { FlatTree } from '../../trees/FlatTree';
import { largestBelow } from '../cartToFlatTree';

/** A node of XGBoost's JSON dump (`get_dump(dump_format='json', with_stats=True)`). */
export interface XgboostNode {
  nodeid: number;
  split?: string;
  split_condition?: number;
  yes?: number;
  no?: number;
  missing?: number;
  cover: number;
  leaf?: number;
  children?: XgboostNode[];
}

/**
 * One XGBoost tree as a FlatTree: XGBoost goes to `yes` when `x < threshold` (both in
 * float32), a FlatTree left when `x <= threshold`, so the threshold becomes the largest
 * double below XGBoost's float32 one (exact for inputs that are float32 values); each
 * node's `missing` child sets its missing-value direction; covers are XGBoost's hessian sums.
 */
export function xgboostToFlatTree(root: XgboostNode): FlatTree {
  const feature: number[] = [];
  const threshold: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const value: number[] = [];
  const cover: number[] = [];
  const missingLeft: number[] = [];
  const visit = (node: XgboostNode): number => {
    const at = feature.length;
    feature.push(-1);
    threshold.push(0);
    left.push(0);
    right.push(0);
    cover.push(node.cover);
    missingLeft.push(0);
    value.push(node.leaf === undefined ? 0 : Math.fround(node.leaf));
    if (node.leaf !== undefined) return at;
    const child = (id: number | undefined) => {
      const found = node.children?.find((c) => c.nodeid === id);
      if (!found) throw new Error(`xgboost node ${node.nodeid} has no child ${id}`);
      return found;
    };
    feature[at] = Number(/^f(\d+)$/.exec(node.split ?? '')?.[1] ?? Number.NaN);
    threshold[at] = largestBelow(Math.fround(node.split_condition as number));
    missingLeft[at] = node.missing === node.yes ? 1 : 0;
    left[at] = visit(child(node.yes));
    right[at] = visit(child(node.no));
    return at;
  };
  visit(root);
  return new FlatTree(
    Int32Array.from(feature),
    Float64Array.from(threshold),
    Int32Array.from(left),
    Int32Array.from(right),
    Float64Array.from(value),
    1,
    Float64Array.from(cover),
    Uint8Array.from(missingLeft),
  );
}
