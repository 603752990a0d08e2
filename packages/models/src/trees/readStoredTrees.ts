import { FlatTree, type FlatTreeState } from './FlatTree';
import { unpackTrees } from './unpackTrees';

/**
 * An ensemble's `trees` field as either format stores it, checked and read: format 1's
 * array of per-tree JSON arrays ({@link FlatTree.checkState}) or format 2's packed trees
 * (`unpackTrees`). Throws `bad-model-file` naming the field.
 */
export function readStoredTrees(value: unknown, width: number, channels: number): FlatTree[] {
  if (!Array.isArray(value)) return unpackTrees(value, 'estimator.trees', width, channels);
  return value.map((tree: FlatTreeState, t) => {
    FlatTree.checkState(tree, `estimator.trees[${t}]`, width, channels);
    return FlatTree.fromJSON(tree);
  });
}

/** How a check names leaf output `i` of tree `t` in the stored form: its own array in format 1, the shared table in format 2. */
export function storedValueField(stored: unknown, t: number, i: number): string {
  return Array.isArray(stored)
    ? `estimator.trees[${t}].value[${i}]`
    : `estimator.trees.values (tree ${t}, output ${i})`;
}
