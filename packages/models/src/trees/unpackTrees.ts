import {
  badModelFile,
  expectExactly,
  expectInteger,
  expectModelNumber,
  expectObject,
  shown,
} from '../pipeline/modelFileChecks';
import { decodeArray } from './binaryArrays';
import { FlatTree } from './FlatTree';
import type { PackedTreesState } from './packTrees';
import { claimChild, expectAllReached } from './treeShapeChecks';

/** The most nodes a document's ensemble may hold: far above any fit here, low enough to bound what a file can make the reader allocate. */
const MAX_NODES = 100_000_000;

/**
 * Reads trees packed by `packTrees`, checking them on the way: arrays of the announced
 * lengths, per tree children after their node and inside the tree (which rules out
 * cycles), a leaf exactly where `left` is 0, split features in `0…width-1`, table
 * indices in range, thresholds that are numbers, leaf outputs and covers finite (covers
 * ≥ 0). Covers are given per node (`cover`, f64) or per leaf (`leafCover`, u32: a split's
 * is its children's sum), never both. Throws `bad-model-file` naming the field, and the tree and node
 * (`estimator.trees.left[3][7]`).
 */
export function unpackTrees(value: unknown, field: string, width: number, channels: number): FlatTree[] {
  const state = expectObject(value, field) as Partial<Record<keyof PackedTreesState, unknown>>;
  expectExactly(state.channels, channels, `${field}.channels`, 'the outputs of the model');
  if (!Array.isArray(state.nodes))
    throw badModelFile(`${field}.nodes`, `is ${shown(state.nodes)}: it must be an array of node counts`);
  let total = 0;
  state.nodes.forEach((count, t) => {
    total += expectInteger(count, `${field}.nodes[${t}]`, 1, MAX_NODES);
  });
  if (total > MAX_NODES)
    throw badModelFile(`${field}.nodes`, `adds up to ${total} nodes: at most ${MAX_NODES}`);
  const thresholdCount = expectInteger(state.thresholdCount, `${field}.thresholdCount`, 0, total);
  const valueCount = expectInteger(state.valueCount, `${field}.valueCount`, 0, total);
  const read = <T extends 'u8' | 'u32' | 'f64'>(key: keyof PackedTreesState, type: T, length = total) =>
    decodeArray(state[key], type, length, `${field}.${key}`);
  const feature = read('feature', 'u32');
  const thresholdIndex = read('threshold', 'u32');
  const leftOffset = read('left', 'u32');
  const rightOffset = read('right', 'u32');
  const missingLeft = read('missingLeft', 'u8');
  const valueIndex = read('value', 'u32');
  // Covers per leaf are read once the structure is checked: they are as many as its leaves.
  const perLeaf = coversPerLeaf(state, field);
  const cover = perLeaf ? null : read('cover', 'f64');
  const thresholds = read('thresholds', 'f64', thresholdCount);
  const values = read('values', 'f64', valueCount * channels);
  thresholds.forEach((t, i) => {
    if (Number.isNaN(t)) throw badModelFile(`${field}.thresholds[${i}]`, 'is NaN: it must be a number');
  });
  values.forEach((v, i) => {
    expectModelNumber(v, `${field}.values[${i}]`);
  });
  const trees: FlatTree[] = [];
  let start = 0;
  for (let t = 0; t < state.nodes.length; t += 1) {
    const n = state.nodes[t] as number;
    const tree = new FlatTree(
      new Int32Array(n),
      new Float64Array(n),
      new Int32Array(n),
      new Int32Array(n),
      new Float64Array(n * channels),
      channels,
      new Float64Array(n),
      missingLeft.slice(start, start + n),
    );
    const parents = new Int32Array(n).fill(-1);
    for (let node = 0; node < n; node += 1) {
      const at = start + node;
      const where = `[${t}][${node}]`;
      // Covers per leaf are u32 (never negative or infinite); per node they are checked here.
      const c = cover ? cover[at] : 0;
      if (cover && !(c >= 0 && c <= Number.MAX_VALUE)) {
        throw badModelFile(`${field}.cover${where}`, `is ${c}: it must be a finite weight >= 0`);
      }
      if (missingLeft[at] > 1) {
        throw badModelFile(`${field}.missingLeft${where}`, `is ${missingLeft[at]}: it must be 0 or 1`);
      }
      if (leftOffset[at] === 0) {
        // A leaf: no children, outputs from the table.
        if (rightOffset[at] !== 0) {
          throw badModelFile(
            `${field}.right${where}`,
            `is ${rightOffset[at]}: a leaf (left 0) has no right child`,
          );
        }
        const index = valueIndex[at];
        if (index >= valueCount) {
          throw badModelFile(
            `${field}.value${where}`,
            `is ${index}: it must index values (0…${valueCount - 1})`,
          );
        }
        tree.feature[node] = -1;
        tree.left[node] = -1;
        tree.right[node] = -1;
        tree.value.set(values.subarray(index * channels, (index + 1) * channels), node * channels);
        continue;
      }
      // Children come after their node, which also rules out cycles.
      for (const [key, offset] of [
        ['left', leftOffset[at]],
        ['right', rightOffset[at]],
      ] as const) {
        if (offset < 1 || node + offset >= n) {
          throw badModelFile(
            `${field}.${key}${where}`,
            `is ${offset}: a child is 1…${n - 1 - node} nodes after its parent, inside tree ${t} of ${n} nodes`,
          );
        }
        claimChild(parents, node + offset, node, `${field}.${key}${where}`);
      }
      if (feature[at] >= width) {
        throw badModelFile(
          `${field}.feature${where}`,
          `is ${feature[at]}: it must be a feature index 0…${width - 1}`,
        );
      }
      if (thresholdIndex[at] >= thresholdCount) {
        throw badModelFile(
          `${field}.threshold${where}`,
          `is ${thresholdIndex[at]}: it must index thresholds (0…${thresholdCount - 1})`,
        );
      }
      tree.feature[node] = feature[at];
      tree.threshold[node] = thresholds[thresholdIndex[at]];
      tree.left[node] = node + leftOffset[at];
      tree.right[node] = node + rightOffset[at];
    }
    expectAllReached(parents, `${field} tree ${t}`);
    if (cover) tree.cover.set(cover.subarray(start, start + n));
    trees.push(tree);
    start += n;
  }
  if (perLeaf) setLeafCovers(trees, state.leafCover, `${field}.leafCover`);
  return trees;
}

/** Whether the document gives covers per leaf (`leafCover`) rather than per node (`cover`); both, or neither, is a bad file. */
function coversPerLeaf(state: Partial<Record<keyof PackedTreesState, unknown>>, field: string): boolean {
  if (state.leafCover === undefined) {
    if (state.cover === undefined)
      throw badModelFile(
        `${field}.cover`,
        'is missing: the trees need cover (per node) or leafCover (per leaf)',
      );
    return false;
  }
  if (state.cover !== undefined)
    throw badModelFile(`${field}.leafCover`, 'is given beside cover: a document holds one of them');
  return true;
}

/**
 * Decodes `leafCover` (one u32 per leaf, in node order) into the trees' leaves and sets
 * each split's cover to its children's sum, from the last node back (children come after
 * their node).
 */
function setLeafCovers(trees: FlatTree[], text: unknown, field: string): void {
  let leaves = 0;
  for (const tree of trees)
    for (let node = 0; node < tree.nodeCount; node += 1) if (tree.feature[node] < 0) leaves += 1;
  const leafCover = decodeArray(text, 'u32', leaves, field);
  let at = 0;
  for (const tree of trees) {
    for (let node = 0; node < tree.nodeCount; node += 1)
      if (tree.feature[node] < 0) tree.cover[node] = leafCover[at++];
    for (let node = tree.nodeCount - 1; node >= 0; node -= 1) {
      if (tree.feature[node] >= 0)
        tree.cover[node] = tree.cover[tree.left[node]] + tree.cover[tree.right[node]];
    }
  }
}
