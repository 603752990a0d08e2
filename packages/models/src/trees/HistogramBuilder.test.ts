import { createRng } from '@mlops/features';
import { type BinnedNode, binnedNode, randomGradients } from './__tests__/binnedNode';
import { BINS, MISSING_BIN } from './FeatureBinner';
import { HistogramBuilder } from './HistogramBuilder';
import type { GrowTargets } from './treeTypes';

// Nodes of 300–1000 rows: above the 256 rows from which TreeGrower keeps dense histograms and
// derives a larger child's from its parent's.
const binCounts = [200, 17, 2, 1];
const missingShare = [0.05, 0.3, 0, 0.5];

/** The targets of the three kinds of tree: boosting (hessians), forests (weights), multiclass forests. */
function targetsFor(kind: 'boosting' | 'forest' | 'multiclass', rows: number, dyadic: boolean) {
  const rng = createRng(kind.length);
  const channels = kind === 'multiclass' ? 3 : 1;
  const gradients = randomGradients(rows, rows * channels, dyadic);
  const weights = Float64Array.from({ length: rows }, () => 1 + rng.int(3));
  const hessians = Float64Array.from({ length: rows }, () => (1 + rng.int(255)) / 256);
  const targets: GrowTargets =
    kind === 'boosting'
      ? { gradients, hessians, counts: null }
      : { gradients, hessians: weights, counts: weights };
  return { channels, targets };
}

/** The straightforward histogram: every row of the node added to its bin, in row order. */
function referenceHistogram(
  data: BinnedNode,
  targets: GrowTargets,
  channels: number,
  start: number,
  end: number,
) {
  const stride = channels + 2;
  const hist = new Float64Array(data.width * BINS * stride);
  for (let f = 0; f < data.width; f += 1) {
    for (let i = start; i < end; i += 1) {
      const row = data.sample[i];
      const slot = (f * BINS + data.binned[f * data.rows + row]) * stride;
      for (let c = 0; c < channels; c += 1) hist[slot + c] += targets.gradients[row * channels + c];
      const count = targets.counts ? targets.counts[row] : 1;
      hist[slot + channels] += targets.hessians ? targets.hessians[row] : count;
      hist[slot + channels + 1] += count;
    }
  }
  return hist;
}

function builderFor(data: BinnedNode, channels: number, targets: GrowTargets): HistogramBuilder {
  const builder = new HistogramBuilder(data.binned, data.rows, data.width, channels, data.binCounts);
  builder.setTargets(targets);
  return builder;
}

describe.each(['boosting', 'forest', 'multiclass'] as const)('histograms of a %s node', (kind) => {
  const data = binnedNode(1, 1000, binCounts, missingShare, 150, 750);
  const { channels, targets } = targetsFor(kind, data.rows, false);
  const stride = channels + 2;
  const expected = referenceHistogram(data, targets, channels, data.start, data.end);

  test('hold each bin’s gradient sums, hessian sum and count, the missing bin included, exactly', () => {
    const builder = builderFor(data, channels, targets);
    const hist = builder.acquire();
    builder.buildDense(hist, data.sample, data.start, data.end);
    // Row by row in the same order, so the sums agree to the last bit.
    expect(hist).toEqual(expected);
    const missing = (1 * BINS + MISSING_BIN) * stride;
    expect(hist[missing + channels + 1]).toBeGreaterThan(100);
    // Feature 2 has no missing values; feature 3 has one value bin and the missing bin, which
    // between them hold every row of the node.
    expect(hist[(2 * BINS + MISSING_BIN) * stride + channels + 1]).toBe(0);
    let weight = 0;
    for (let i = data.start; i < data.end; i += 1)
      weight += targets.counts ? targets.counts[data.sample[i]] : 1;
    const oneBin = 3 * BINS * stride;
    expect(hist[oneBin + channels + 1] + hist[oneBin + MISSING_BIN * stride + channels + 1]).toBe(weight);
  });

  test('a sparse one-feature histogram lists the bins in use, ascending, with the dense sums', () => {
    const builder = builderFor(data, channels, targets);
    const sparse = new Float64Array(BINS * stride);
    const touched = new Int32Array(BINS);
    for (let f = 0; f < data.width; f += 1) {
      const used = builder.buildSparse(sparse, touched, data.sample, data.start, data.end, f);
      const dense = expected.subarray(f * BINS * stride, (f + 1) * BINS * stride);
      const inUse = Array.from({ length: BINS }, (_, b) => b).filter(
        (b) => dense[b * stride + channels + 1] > 0,
      );
      expect(Array.from(touched.subarray(0, used))).toEqual(inUse);
      expect(sparse).toEqual(dense);
      builder.clearSparse(sparse, touched, used);
      expect(sparse.every((v) => v === 0)).toBe(true);
    }
  });

  test('the node totals are the sums over its rows', () => {
    const builder = builderFor(data, channels, targets);
    const sums = { g: new Array<number>(channels).fill(0), h: 0, n: 0 };
    builder.totals(data.sample, data.start, data.end, sums);
    const g = new Array<number>(channels).fill(0);
    let h = 0;
    let n = 0;
    for (let i = data.start; i < data.end; i += 1) {
      const row = data.sample[i];
      for (let c = 0; c < channels; c += 1) g[c] += targets.gradients[row * channels + c];
      const count = targets.counts ? targets.counts[row] : 1;
      h += targets.hessians ? targets.hessians[row] : count;
      n += count;
    }
    expect(sums).toEqual({ g, h, n });
  });
});

describe.each(['boosting', 'forest', 'multiclass'] as const)('histogram subtraction on a %s node', (kind) => {
  // A 900-row parent split on feature 0 at bin 90: children of about 400 and 500 rows.
  const data = binnedNode(2, 1000, binCounts, missingShare, 50, 950);
  const left: number[] = [];
  const right: number[] = [];
  for (let i = data.start; i < data.end; i += 1)
    (data.binned[data.sample[i]] <= 90 ? left : right).push(data.sample[i]);
  const sample = Int32Array.from([...left, ...right]);
  const middle = left.length;

  test.each([true, false])('parent − smaller child = the larger child (dyadic sums: %s)', (dyadic) => {
    const { channels, targets } = targetsFor(kind, data.rows, dyadic);
    const builder = builderFor(data, channels, targets);
    const parent = builder.acquire();
    const small = builder.acquire();
    const large = builder.acquire();
    builder.buildDense(parent, sample, 0, sample.length);
    builder.buildDense(small, sample, 0, middle);
    builder.buildDense(large, sample, middle, sample.length);
    expect(Math.min(middle, sample.length - middle)).toBeGreaterThan(256);
    builder.subtract(parent, small);
    const stride = channels + 2;
    if (dyadic) {
      // Multiples of 2⁻¹⁰ (and of 2⁻⁸ for hessians) well inside 2⁵³: every sum is exact in
      // float64, so the difference is the other child's histogram bit for bit.
      expect(parent).toEqual(large);
      return;
    }
    // N(0, 1) gradients: counts still exact, sums up to rounding.
    for (let i = 0; i < parent.length; i += 1) {
      if (i % stride === channels + 1) expect(parent[i]).toBe(large[i]);
      else expect(parent[i]).toBeCloseTo(large[i], 10);
    }
  });
});

describe.each(['boosting', 'forest'] as const)('a %s node with binary features', (kind) => {
  // Eleven features with bins 0 and 1 only (one-hot columns, flags; one constant) between two
  // that are not (one with missing values): the builder reads the eleven as two groups.
  const binaryCounts = [200, 2, 2, 1, 2, 2, 2, 2, 2, 2, 2, 2, 17];
  const binaryMissing = binaryCounts.map((_, f) => (f === 12 ? 0.2 : 0));
  const data = binnedNode(3, 1200, binaryCounts, binaryMissing, 100, 1100);
  const stride = 3;
  const featureHistogram = (hist: Float64Array, builder: HistogramBuilder, feature: number) =>
    hist.subarray(builder.histAt[feature], builder.histAt[feature] + BINS * stride);

  test('give every feature the histogram it would have on its own (dyadic sums: exact)', () => {
    const { targets } = targetsFor(kind, data.rows, true);
    const builder = builderFor(data, 1, targets);
    const starts = new Set(Array.from(builder.histAt));
    expect(starts.size).toBe(data.width);
    // The features not grouped come first, then the groups' codes, then the grouped features.
    expect(builder.histAt[1]).toBeGreaterThan(builder.histAt[12] + BINS * stride);
    const expected = referenceHistogram(data, targets, 1, data.start, data.end);
    const hist = builder.acquire();
    builder.buildDense(hist, data.sample, data.start, data.end);
    for (let f = 0; f < data.width; f += 1)
      expect(featureHistogram(hist, builder, f)).toEqual(
        expected.subarray(f * BINS * stride, (f + 1) * BINS * stride),
      );
  });

  test('give N(0, 1) gradients the same counts and the sums up to rounding, and subtract per feature', () => {
    const { targets } = targetsFor(kind, data.rows, false);
    const builder = builderFor(data, 1, targets);
    const middle = 500;
    const expected = referenceHistogram(data, targets, 1, middle, data.end);
    const parent = builder.acquire();
    const small = builder.acquire();
    builder.buildDense(parent, data.sample, data.start, data.end);
    builder.buildDense(small, data.sample, data.start, middle);
    builder.subtract(parent, small);
    for (let f = 0; f < data.width; f += 1) {
      const got = featureHistogram(parent, builder, f);
      const want = expected.subarray(f * BINS * stride, (f + 1) * BINS * stride);
      for (let i = 0; i < got.length; i += 1) {
        if (i % stride === 2) expect(got[i]).toBe(want[i]);
        else expect(got[i]).toBeCloseTo(want[i], 10);
      }
    }
  });
});
