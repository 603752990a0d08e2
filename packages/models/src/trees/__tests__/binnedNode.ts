import { createRng } from '@mlops/features';
import { MISSING_BIN } from '../FeatureBinner';

/** A seeded, already binned training set and one node of it, for the tree learner's parts. */
export interface BinnedNode {
  rows: number;
  width: number;
  /** Column-major bins (`binned[feature * rows + row]`), as FeatureBinner.transform makes them. */
  binned: Uint8Array;
  binCounts: Int32Array;
  /** Upper bin edges per feature (`binCounts[f] - 1` of them), as FeatureBinner's `edges`. */
  edges: Float64Array[];
  /** A permutation of the rows; the node is `sample[start…end)`. */
  sample: Int32Array;
  start: number;
  end: number;
}

/**
 * `rows` rows whose feature `f` takes bins `0…binCounts[f]-1` uniformly, or the missing
 * bin with probability `missingShare[f]`; the node is `sample[start…end)` of a random
 * permutation, so it reads rows out of order as a grown tree's nodes do.
 */
export function binnedNode(
  seed: number,
  rows: number,
  binCounts: number[],
  missingShare: number[],
  start: number,
  end: number,
): BinnedNode {
  const rng = createRng(seed);
  const width = binCounts.length;
  const binned = new Uint8Array(rows * width);
  for (let f = 0; f < width; f += 1)
    for (let row = 0; row < rows; row += 1)
      binned[f * rows + row] = rng.next() < missingShare[f] ? MISSING_BIN : rng.int(binCounts[f]);
  const sample = Int32Array.from({ length: rows }, (_, i) => i);
  for (let i = rows - 1; i > 0; i -= 1) {
    const j = rng.int(i + 1);
    [sample[i], sample[j]] = [sample[j], sample[i]];
  }
  const edges = binCounts.map((bins) => Float64Array.from({ length: bins - 1 }, (_, b) => b + 0.5));
  return { rows, width, binned, binCounts: Int32Array.from(binCounts), edges, sample, start, end };
}

/** `rows × channels` gradients drawn from N(0, 1), or multiples of 2⁻¹⁰ in ±1024 when `dyadic`. */
export function randomGradients(seed: number, length: number, dyadic = false): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length }, () => (dyadic ? (rng.int(1 << 21) - (1 << 20)) / 1024 : rng.normal()));
}
