import { type BinaryType, decodeArray, encodeArray } from '../trees/binaryArrays';
import type { FlatTree } from '../trees/FlatTree';
import { type PackedTreesState, packTrees } from '../trees/packTrees';
import { unpackTrees } from '../trees/unpackTrees';

/** The number of values each packed array holds. */
function lengthOf(state: PackedTreesState, key: keyof PackedTreesState): number {
  const total = state.nodes.reduce((sum, n) => sum + n, 0);
  if (key === 'thresholds') return state.thresholdCount;
  if (key === 'values') return state.valueCount * state.channels;
  if (key === 'leafCover') {
    const left = decodeArray(state.left, 'u32', total, 'left');
    return left.filter((offset) => offset === 0).length;
  }
  return total;
}

/**
 * Decodes one binary array of packed trees, lets `edit` change it (it may return a
 * shorter or longer array) and stores it back: a byte-level corruption of a format-2 file.
 */
export function editPackedArray(
  state: PackedTreesState,
  key: keyof PackedTreesState,
  type: BinaryType,
  /** May return a replacement (e.g. a shorter copy); anything else keeps the edited array. */
  edit: (values: Uint8Array | Uint32Array | Float64Array) => unknown,
): void {
  const values = decodeArray(state[key], type, lengthOf(state, key), key);
  const result = edit(values);
  const changed = ArrayBuffer.isView(result) ? (result as typeof values) : values;
  (state as unknown as Record<string, string>)[key] = encodeArray(changed);
}

/** The global index of node `node` of tree `tree` in packed arrays. */
export function packedNode(state: PackedTreesState, tree: number, node: number): number {
  return state.nodes.slice(0, tree).reduce((sum, n) => sum + n, 0) + node;
}

/** Unpacks trees, lets `edit` change the list, and packs them again in place. */
export function editPackedTrees(
  state: PackedTreesState,
  width: number,
  edit: (trees: FlatTree[]) => void,
): void {
  const trees = unpackTrees(state, 'trees', width, state.channels);
  edit(trees);
  Object.assign(state, packTrees(trees, state.channels));
}
