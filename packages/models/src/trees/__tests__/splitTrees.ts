import type { createRng } from '@mlops/features';
import { FlatTree } from '../FlatTree';

type Rng = ReturnType<typeof createRng>;

/** A tree of one output from plain parallel arrays (leaves' `value` used, splits' ignored). */
export function treeOf(
  feature: number[],
  threshold: number[],
  left: number[],
  right: number[],
  value: number[],
): FlatTree {
  return new FlatTree(
    Int32Array.from(feature),
    Float64Array.from(threshold),
    Int32Array.from(left),
    Int32Array.from(right),
    Float64Array.from(value),
    1,
  );
}

/** What {@link randomSplitTree} draws splits from. */
export interface RandomSplitTreeOptions {
  /** Splits read features `0 … features - 1`. */
  features: number;
  /** A split's threshold, drawn after its feature. */
  threshold: () => number;
  /** Outputs per leaf. @default 1 */
  channels?: number;
}

/**
 * A random tree grown by `splits` times splitting a random leaf; leaf outputs uniform in
 * [-0.5, 0.5), each split's missing direction a coin flip, covers zero.
 */
export function randomSplitTree(rng: Rng, splits: number, options: RandomSplitTreeOptions): FlatTree {
  const channels = options.channels ?? 1;
  const feature: number[] = [-1];
  const threshold: number[] = [0];
  const left: number[] = [-1];
  const right: number[] = [-1];
  const leaves = [0];
  for (let s = 0; s < splits; s += 1) {
    const node = leaves.splice(rng.int(leaves.length), 1)[0];
    feature[node] = rng.int(options.features);
    threshold[node] = options.threshold();
    left[node] = feature.length;
    right[node] = feature.length + 1;
    for (let c = 0; c < 2; c += 1) {
      leaves.push(feature.length);
      feature.push(-1);
      threshold.push(0);
      left.push(-1);
      right.push(-1);
    }
  }
  const value = new Float64Array(feature.length * channels);
  for (let i = 0; i < value.length; i += 1)
    value[i] = feature[Math.floor(i / channels)] < 0 ? rng.next() - 0.5 : 0;
  const missingLeft = Uint8Array.from(feature, (f) => (f >= 0 ? rng.int(2) : 0));
  return new FlatTree(
    Int32Array.from(feature),
    Float64Array.from(threshold),
    Int32Array.from(left),
    Int32Array.from(right),
    value,
    channels,
    new Float64Array(feature.length),
    missingLeft,
  );
}
