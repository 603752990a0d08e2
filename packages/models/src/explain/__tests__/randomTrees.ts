import { createRng } from '@mlops/features';
import { FlatTree } from '../../trees/FlatTree';
import { childFraction } from '../childFraction';

export interface RandomTreeOptions {
  features: number;
  maxDepth: number;
  channels?: number;
  /** Chance that a leaf got no training weight. @default 0 */
  emptyLeafShare?: number;
}

/**
 * A random tree in depth-first order: splits on features drawn with repeats (so paths meet
 * a feature more than once), thresholds in [0, 1), integer leaf covers summed upwards,
 * random missing-value directions and leaf values.
 */
export function randomTree(seed: number, options: RandomTreeOptions): FlatTree {
  const rng = createRng(seed);
  const channels = options.channels ?? 1;
  const feature: number[] = [];
  const threshold: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const value: number[] = [];
  const cover: number[] = [];
  const missingLeft: number[] = [];
  const grow = (depth: number): number => {
    const node = feature.length;
    feature.push(-1);
    threshold.push(0);
    left.push(0);
    right.push(0);
    missingLeft.push(0);
    cover.push(0);
    for (let c = 0; c < channels; c += 1) value.push(0);
    if (depth < options.maxDepth && (depth < 2 || rng.next() < 0.75)) {
      feature[node] = rng.int(options.features);
      threshold[node] = rng.next();
      missingLeft[node] = rng.next() < 0.5 ? 1 : 0;
      left[node] = grow(depth + 1);
      right[node] = grow(depth + 1);
      cover[node] = cover[left[node]] + cover[right[node]];
    } else {
      cover[node] = rng.next() < (options.emptyLeafShare ?? 0) ? 0 : 1 + rng.int(50);
      for (let c = 0; c < channels; c += 1) value[node * channels + c] = rng.normal();
    }
    return node;
  };
  grow(0);
  return new FlatTree(
    Int32Array.from(feature),
    Float64Array.from(threshold),
    Int32Array.from(left),
    Int32Array.from(right),
    Float64Array.from(value),
    channels,
    Float64Array.from(cover),
    Uint8Array.from(missingLeft),
  );
}

/**
 * The path-dependent value of a coalition: the tree's output for `row` when only the
 * features in `known` (a bit mask) are known, the others' splits followed in proportion
 * to the cover. Written directly from the definition, as the reference for TreeSHAP.
 */
export function coalitionValue(tree: FlatTree, row: Float64Array, known: number, channel: number): number {
  const at = (node: number): number => {
    const f = tree.feature[node];
    if (f < 0) return tree.value[node * tree.channels + channel];
    const l = tree.left[node];
    const r = tree.right[node];
    if ((known >> f) & 1) {
      const v = row[f];
      const goLeft = Number.isNaN(v) ? tree.missingLeft[node] === 1 : v <= tree.threshold[node];
      return at(goLeft ? l : r);
    }
    return childFraction(tree, node, l) * at(l) + childFraction(tree, node, r) * at(r);
  };
  return at(0);
}

/** Shapley values of `features` players by enumerating every coalition (2^features). */
export function bruteForceShapley(value: (known: number) => number, features: number): Float64Array {
  const factorial = [1];
  for (let k = 1; k <= features; k += 1) factorial.push(factorial[k - 1] * k);
  const phi = new Float64Array(features);
  for (let mask = 0; mask < 1 << features; mask += 1) {
    let size = 0;
    for (let f = 0; f < features; f += 1) size += (mask >> f) & 1;
    const base = value(mask);
    for (let i = 0; i < features; i += 1) {
      if ((mask >> i) & 1) continue;
      const w = (factorial[size] * factorial[features - size - 1]) / factorial[features];
      phi[i] += w * (value(mask | (1 << i)) - base);
    }
  }
  return phi;
}
