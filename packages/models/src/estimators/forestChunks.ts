import { threadId } from 'node:worker_threads';
import { createRng, type Rng } from '@mlops/features';
import { FlatTree } from '../trees/FlatTree';
import { TreeGrower } from '../trees/TreeGrower';
import type { GrowOptions } from '../trees/treeTypes';

/**
 * Trees are grown in fixed chunks of this many, whatever the thread count: a chunk's
 * trees and its out-of-bag sums come out the same on any thread, and the chunks are
 * combined in order, so one thread and eight give the identical forest.
 */
export const TREES_PER_CHUNK = 8;

/** Everything a thread needs to grow any chunk of a forest (plain data: it is posted to workers). */
export interface ForestJob {
  /** Column-major bins (`binned[feature · rows + row]`), as {@link TreeGrower} takes them. */
  binned: Uint8Array;
  /** The raw rows (`rows × width`, row-major): out-of-bag rows are scored on them. */
  x: Float64Array;
  rows: number;
  width: number;
  edges: Float64Array[];
  channels: number;
  /** Centred targets, `channels` per row. */
  target: Float64Array;
  grow: Omit<GrowOptions, 'random'>;
  bootstrap: boolean;
  seed: number;
  trees: number;
  /** Whether chunks also return out-of-bag sums. */
  outOfBag: boolean;
}

/** A chunk's trees (as their arrays, so they cross threads) and out-of-bag sums. */
export interface GrownChunk {
  chunk: number;
  /** `threadId` of the thread that grew it (0: the main thread). */
  thread: number;
  trees: TreeArrays[];
  /** Per row and channel, the sum of the outputs of this chunk's trees that left the row out. */
  oobSums: Float64Array | null;
  /** Per row, how many of this chunk's trees left it out. */
  oobCounts: Uint32Array | null;
}

export type TreeArrays = Pick<
  FlatTree,
  'feature' | 'threshold' | 'left' | 'right' | 'value' | 'channels' | 'cover' | 'missingLeft'
>;

export const chunkCount = (trees: number): number => Math.ceil(trees / TREES_PER_CHUNK);

/** Tree `t`'s own seed: its bootstrap draw and feature draws depend on nothing else. */
export function treeSeed(seed: number, t: number): number {
  return (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(t + 1, 0x85ebca77)) | 0;
}

/** Grows the chunks of one thread, reusing one grower (and its histogram pool) across them. */
export class ForestChunkGrower {
  private readonly grower: TreeGrower;
  private random: () => number = Math.random;
  private readonly weights: Float64Array;
  private readonly gradients: Float64Array;
  private readonly sample: Int32Array;

  constructor(readonly job: ForestJob) {
    const { binned, rows, width, edges, channels, grow } = job;
    this.grower = new TreeGrower(binned, rows, width, edges, channels, {
      ...grow,
      random: () => this.random(),
    });
    this.weights = new Float64Array(rows);
    this.gradients = new Float64Array(rows * channels);
    this.sample = new Int32Array(rows);
  }

  /** Ends this thread's part of the fit: the grower's kernel instance goes to its next fit. */
  dispose(): void {
    this.grower.dispose();
  }

  growChunk(chunk: number): GrownChunk {
    const { job, weights, gradients, sample } = this;
    const { rows, channels, target } = job;
    const first = chunk * TREES_PER_CHUNK;
    const last = Math.min(job.trees, first + TREES_PER_CHUNK);
    const trees: TreeArrays[] = [];
    const oobSums = job.outOfBag ? new Float64Array(rows * channels) : null;
    const oobCounts = job.outOfBag ? new Uint32Array(rows) : null;
    for (let t = first; t < last; t += 1) {
      const rng = createRng(treeSeed(job.seed, t));
      this.random = rng.next;
      // The loops over rows are functions of their own, so V8 optimises each once instead of
      // recompiling this method with all it inlines (BENCHMARKS.md, 2026-12-07).
      if (job.bootstrap) drawBootstrap(weights, rng);
      else weights.fill(1);
      const size = inBagRows(weights, sample);
      weightedGradients(gradients, weights, target, channels);
      const tree = this.grower.grow(
        { gradients, hessians: weights, counts: weights, values: target },
        sample,
        size,
      ).tree;
      trees.push(tree);
      if (oobSums && oobCounts) addOutOfBag(tree, weights, job, oobSums, oobCounts);
    }
    return { chunk, thread: threadId, trees, oobSums, oobCounts };
  }
}

/** A bootstrap sample as weights: how many times each row is drawn, of as many draws as rows. */
function drawBootstrap(weights: Float64Array, rng: Rng): void {
  const rows = weights.length;
  weights.fill(0);
  for (let i = 0; i < rows; i += 1) weights[rng.int(rows)] += 1;
}

/** Writes the rows of positive weight into `sample`, ascending; returns how many. */
function inBagRows(weights: Float64Array, sample: Int32Array): number {
  let size = 0;
  for (let row = 0; row < weights.length; row += 1) if (weights[row] > 0) sample[size++] = row;
  return size;
}

/** With gradient −w·y and hessian w, a leaf's value −G/H is the weighted mean of y. */
function weightedGradients(
  gradients: Float64Array,
  weights: Float64Array,
  target: Float64Array,
  channels: number,
): void {
  for (let i = 0; i < gradients.length; i += 1) gradients[i] = -weights[(i / channels) | 0] * target[i];
}

/** Adds `tree`'s outputs for the rows its bootstrap `weights` left out (weight 0). */
function addOutOfBag(
  tree: FlatTree,
  weights: Float64Array,
  job: ForestJob,
  sums: Float64Array,
  counts: Uint32Array,
): void {
  const { x, rows, width, channels } = job;
  for (let row = 0; row < rows; row += 1) {
    if (weights[row] !== 0) continue;
    const leaf = tree.leafOf(x, row, width);
    for (let c = 0; c < channels; c += 1) sums[row * channels + c] += tree.value[leaf * channels + c];
    counts[row] += 1;
  }
}

/** The tree again from arrays that crossed a thread boundary. */
export function toFlatTree(tree: TreeArrays): FlatTree {
  if (tree instanceof FlatTree) return tree;
  return new FlatTree(
    tree.feature,
    tree.threshold,
    tree.left,
    tree.right,
    tree.value,
    tree.channels,
    tree.cover,
    tree.missingLeft,
  );
}
