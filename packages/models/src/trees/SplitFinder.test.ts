import { createRng } from '@mlops/features';
import { type BinnedNode, binnedNode, randomGradients } from './__tests__/binnedNode';
import { MISSING_BIN } from './FeatureBinner';
import { HistogramBuilder } from './HistogramBuilder';
import { SplitFinder, type SplitResult } from './SplitFinder';
import type { GrowOptions, GrowTargets, NodeRows } from './treeTypes';

const baseOptions: GrowOptions = {
  maxLeafNodes: Infinity,
  maxDepth: Infinity,
  minSamplesLeaf: 1,
  minSamplesSplit: 2,
  minHessianLeaf: 0,
  l2: 0,
  shrinkage: 1,
  maxFeatures: Infinity,
};

/**
 * The split a brute-force search picks: every feature, every bin `b` of 0…254, rows with
 * bin ≤ b left and the rest (missing values too) right, each side summed from its rows.
 */
function bruteForceSplit(
  data: BinnedNode,
  targets: GrowTargets,
  channels: number,
  options: GrowOptions,
): (Omit<SplitResult, 'constants'> & { parentScore: number }) | null {
  const rows = Array.from(data.sample.subarray(data.start, data.end));
  const sums = (side: number[]) => {
    const g = new Array<number>(channels).fill(0);
    let h = 0;
    let n = 0;
    for (const row of side) {
      for (let c = 0; c < channels; c += 1) g[c] += targets.gradients[row * channels + c];
      const count = targets.counts ? targets.counts[row] : 1;
      h += targets.hessians ? targets.hessians[row] : count;
      n += count;
    }
    return { g, h, n };
  };
  const all = sums(rows);
  const score = (s: { g: number[]; h: number }) => {
    let total = 0;
    for (let c = 0; c < channels; c += 1) total += (s.g[c] * s.g[c]) / (s.h + options.l2);
    return total;
  };
  const parentScore = score(all);
  let best: (Omit<SplitResult, 'constants'> & { parentScore: number }) | null = null;
  for (let feature = 0; feature < data.width; feature += 1) {
    for (let bin = 0; bin < MISSING_BIN; bin += 1) {
      const bins = (row: number) => data.binned[feature * data.rows + row];
      const left = sums(rows.filter((row) => bins(row) <= bin));
      const right = sums(rows.filter((row) => bins(row) > bin));
      const { minSamplesLeaf, minHessianLeaf } = options;
      if (left.n < minSamplesLeaf || right.n < minSamplesLeaf) continue;
      if (left.h < minHessianLeaf || right.h < minHessianLeaf) continue;
      const gain = score(left) + score(right) - parentScore;
      if (gain > (best?.gain ?? 1e-12 * parentScore)) {
        const edge = data.edges[feature];
        best = {
          feature,
          bin,
          threshold: bin < edge.length ? edge[bin] : Number.POSITIVE_INFINITY,
          gain,
          leftG: left.g,
          leftH: left.h,
          leftN: left.n,
          rightG: right.g,
          rightH: right.h,
          rightN: right.n,
          parentScore,
        };
      }
    }
  }
  return best;
}

/** The finder's split of the node, from its dense histogram or (`dense` false) sparsely. */
function findSplit(
  data: BinnedNode,
  targets: GrowTargets,
  channels: number,
  options: GrowOptions,
  dense: boolean,
) {
  const builder = new HistogramBuilder(data.binned, data.rows, data.width, channels, data.binCounts);
  builder.setTargets(targets);
  const node: NodeRows = {
    start: data.start,
    end: data.end,
    g: new Array<number>(channels).fill(0),
    h: 0,
    n: 0,
  };
  builder.totals(data.sample, data.start, data.end, node);
  let hist: Float64Array | null = null;
  if (dense) {
    hist = builder.acquire();
    builder.buildDense(hist, data.sample, data.start, data.end);
  }
  return new SplitFinder(builder, data.edges, options).findBestSplit(node, data.sample, hist);
}

/** The finder agrees with the brute force: the same feature and bin, the gain to 1e-12, the same sides. */
function expectBruteForceSplit(
  data: BinnedNode,
  targets: GrowTargets,
  channels: number,
  options: GrowOptions,
): Omit<SplitResult, 'constants'> {
  const expected = bruteForceSplit(data, targets, channels, options)!;
  expect(expected).not.toBeNull();
  for (const dense of [true, false]) {
    const split = findSplit(data, targets, channels, options, dense)!;
    expect({ feature: split.feature, bin: split.bin, threshold: split.threshold }).toEqual({
      feature: expected.feature,
      bin: expected.bin,
      threshold: expected.threshold,
    });
    // Sums in another order: equal up to rounding, relative to the terms the gain is made of.
    const scale = Math.max(1, expected.parentScore, Math.abs(expected.gain));
    expect(Math.abs(split.gain - expected.gain)).toBeLessThanOrEqual(1e-12 * scale);
    for (const side of ['left', 'right'] as const) {
      expect(split[`${side}N`]).toBe(expected[`${side}N`]);
      expect(split[`${side}H`]).toBeCloseTo(expected[`${side}H`], 9);
      for (let c = 0; c < channels; c += 1)
        expect(split[`${side}G`][c]).toBeCloseTo(expected[`${side}G`][c], 9);
    }
  }
  return expected;
}

// 600-row nodes (above the 256 rows where dense histograms and subtraction start) of 1000 rows.
const binCounts = [40, 9, 2, 120];
const missingShare = [0.1, 0.25, 0, 0.02];

describe.each([
  ['boosting', 1],
  ['forest', 1],
  ['multiclass forest', 3],
] as const)('on a %s node the split search picks what a brute-force search picks', (kind, channels) => {
  const data = binnedNode(5, 1000, binCounts, missingShare, 200, 800);
  const rng = createRng(channels * 7 + kind.length);
  const gradients = randomGradients(11 + channels, data.rows * channels);
  const weights = Float64Array.from({ length: data.rows }, () => 1 + rng.int(3));
  const hessians = Float64Array.from({ length: data.rows }, () => 0.05 + rng.next());
  const targets: GrowTargets =
    kind === 'boosting'
      ? { gradients, hessians, counts: null }
      : { gradients, hessians: weights, counts: weights };

  test('without limits', () => {
    expectBruteForceSplit(data, targets, channels, baseOptions);
  });

  test.each([
    [30, 0, 0],
    [1, 2.5, 0],
    [150, 10, 1e-3],
    [250, 0, 40],
  ])('with min_samples_leaf %d, l2 %d and min_hessian_leaf %d', (minSamplesLeaf, l2, minHessianLeaf) => {
    expectBruteForceSplit(data, targets, channels, { ...baseOptions, minSamplesLeaf, l2, minHessianLeaf });
  });

  test('returns null when no split leaves min_samples_leaf rows on both sides', () => {
    const options = { ...baseOptions, minSamplesLeaf: 5000 };
    expect(bruteForceSplit(data, targets, channels, options)).toBeNull();
    expect(findSplit(data, targets, channels, options, true)).toBeNull();
    expect(findSplit(data, targets, channels, options, false)).toBeNull();
  });
});

describe('missing values', () => {
  const data = binnedNode(6, 1000, binCounts, missingShare, 200, 800);
  const bin = (f: number, row: number) => data.binned[f * data.rows + row];

  test('go right with the high values, and a split can separate them from every value', () => {
    // Rows missing feature 1 have gradients near +3, the others near −1: the best split sends
    // every value of feature 1 left (bin 8, the last; threshold +∞) and the missing rows right.
    const noise = randomGradients(21, data.rows);
    const gradients = Float64Array.from(noise, (e, row) => (bin(1, row) === MISSING_BIN ? 3 : -1) + 0.1 * e);
    const targets: GrowTargets = { gradients, hessians: null, counts: null };
    const split = expectBruteForceSplit(data, targets, 1, baseOptions);
    expect(split).toMatchObject({ feature: 1, bin: 8, threshold: Number.POSITIVE_INFINITY });
    let missing = 0;
    for (let i = data.start; i < data.end; i += 1) if (bin(1, data.sample[i]) === MISSING_BIN) missing += 1;
    expect(split.rightN).toBe(missing);
  });

  test('rows missing the split feature go right even when they look like the left side', () => {
    // Feature 0 drives the gradient: low bins and missing values negative. The engine learns no
    // direction for missing values (FlatTree sends NaN right), so they count on the right.
    const noise = randomGradients(22, data.rows);
    const gradients = Float64Array.from(
      noise,
      (e, row) => (bin(0, row) < 15 || bin(0, row) === MISSING_BIN ? -1 : 1) + 0.5 * e,
    );
    const targets: GrowTargets = { gradients, hessians: null, counts: null };
    const split = expectBruteForceSplit(data, targets, 1, baseOptions);
    expect(split.feature).toBe(0);
    let right = 0;
    for (let i = data.start; i < data.end; i += 1) if (bin(0, data.sample[i]) > split.bin) right += 1;
    expect(split.rightN).toBe(right);
    expect(right).toBeGreaterThan(0);
  });
});

describe.each([
  ['first', 0, 1],
  ['last', 119, 1],
  ['first', 0, 3],
  ['last', 119, 3],
] as const)('a few outliers in the %s bin of a feature (%i channels)', (_, outlierBin, channels) => {
  // The rows in one end bin of feature 3 carry a large gradient (and hessian ¼ each); feature 0
  // carries a weaker, broad signal (in channel 0; other channels are small noise). Feature 3
  // has no missing values, so the outliers alone make up one side of the split that isolates them.
  const data = binnedNode(7, 1000, binCounts, [0.1, 0.25, 0, 0], 0, 1000);
  const noise = randomGradients(23, data.rows * channels);
  const outlier = (row: number) => data.binned[3 * data.rows + row] === outlierBin;
  const gradients = Float64Array.from(noise, (e, i) => {
    const row = Math.floor(i / channels);
    if (i % channels > 0) return 0.1 * e;
    return outlier(row) ? 10 : (data.binned[row] < 20 ? -1 : 1) + e;
  });
  const hessians = Float64Array.from({ length: data.rows }, (_, row) => (outlier(row) ? 0.25 : 1));
  const targets: GrowTargets = { gradients, hessians, counts: null };
  const outliers = data.sample.filter(outlier).length;
  const isolating = { feature: 3, bin: outlierBin === 0 ? 0 : outlierBin - 1 };
  const side = outlierBin === 0 ? 'left' : 'right';

  test('are split off when nothing forbids it, also with a side of exactly min_samples_leaf rows', () => {
    expect(outliers).toBeGreaterThan(2);
    expect(outliers).toBeLessThan(20);
    expect(expectBruteForceSplit(data, targets, channels, baseOptions)).toMatchObject(isolating);
    const atLimit = expectBruteForceSplit(data, targets, channels, {
      ...baseOptions,
      minSamplesLeaf: outliers,
    });
    expect(atLimit).toMatchObject({ ...isolating, [`${side}N`]: outliers });
  });

  test('are kept with the others under a larger min_samples_leaf or a strong l2', () => {
    expect(
      expectBruteForceSplit(data, targets, channels, { ...baseOptions, minSamplesLeaf: 20 }).feature,
    ).toBe(0);
    expect(expectBruteForceSplit(data, targets, channels, { ...baseOptions, l2: 200 }).feature).toBe(0);
  });

  test('are split off when their hessian is exactly min_hessian_leaf, not when it is less', () => {
    const hessian = outliers / 4;
    const atLimit = expectBruteForceSplit(data, targets, channels, {
      ...baseOptions,
      minHessianLeaf: hessian,
    });
    expect(atLimit).toMatchObject({ ...isolating, [`${side}H`]: hessian });
    const above = expectBruteForceSplit(data, targets, channels, {
      ...baseOptions,
      minHessianLeaf: hessian + 0.125,
    });
    expect(above).not.toMatchObject(isolating);
  });
});
