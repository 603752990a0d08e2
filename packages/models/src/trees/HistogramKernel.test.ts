import { createRng } from '@mlops/features';
import { binnedNode, randomGradients } from './__tests__/binnedNode';
import { BINS } from './FeatureBinner';
import { HistogramBuilder } from './HistogramBuilder';
import { HistogramKernel } from './HistogramKernel';
import { SplitFinder } from './SplitFinder';
import type { GrowOptions, GrowTargets, NodeRows } from './treeTypes';

// The WebAssembly kernel must agree with the JavaScript loops bit for bit: the builder uses
// the kernel for histograms in its memory (acquire) and the JavaScript loops for any other
// array, so a plain Float64Array is the JavaScript reference.

const kinds = ['log loss', 'squared error', 'weighted forest'] as const;

function targetsFor(kind: (typeof kinds)[number], rows: number): GrowTargets {
  const rng = createRng(7);
  const gradients = randomGradients(rows, rows, false);
  if (kind === 'log loss') {
    const hessians = Float64Array.from({ length: rows }, () => rng.next() * 0.25);
    return { gradients, hessians, counts: null };
  }
  if (kind === 'squared error') return { gradients, hessians: null, counts: null };
  const weights = Float64Array.from({ length: rows }, () => rng.int(4));
  return { gradients, hessians: weights, counts: weights };
}

function nodeFor(width: number) {
  const rng = createRng(width);
  const binCounts = Array.from({ length: width }, (_, f) => (f === 0 ? 255 : f === 5 ? 1 : 1 + rng.int(40)));
  const missing = Array.from({ length: width }, (_, f) => (f % 3 === 1 ? 0.2 : 0));
  return binnedNode(width, 700, binCounts, missing, 40, 640);
}

describe.each(kinds)('the WebAssembly histogram kernel (%s)', (kind) => {
  test.each([1, 2, 3, 4, 5, 7, 9])(
    'builds and subtracts the JavaScript histograms bit for bit, %i features',
    (width) => {
      const data = nodeFor(width);
      const builder = new HistogramBuilder(data.binned, data.rows, width, 1, data.binCounts);
      builder.setTargets(targetsFor(kind, data.rows));
      const inKernel = builder.acquire();
      const parentInKernel = builder.acquire();
      expect(builder.kernel?.owns(inKernel)).toBe(true);
      const plain = new Float64Array(builder.histLength);
      const parentPlain = new Float64Array(builder.histLength);
      const middle = 300;
      builder.buildDense(inKernel, data.sample, data.start, middle);
      builder.buildDense(plain, data.sample, data.start, middle);
      expect(inKernel).toEqual(plain);
      expect(inKernel.some((v) => v !== 0)).toBe(true);
      builder.buildDense(parentInKernel, data.sample, data.start, data.end);
      builder.buildDense(parentPlain, data.sample, data.start, data.end);
      builder.subtract(parentInKernel, inKernel);
      builder.subtract(parentPlain, plain);
      expect(parentInKernel).toEqual(parentPlain);
    },
  );

  test.each([
    [0, 1],
    [25, 1],
    [5, 40],
  ])(
    'finds the JavaScript scan’s split, min_samples_leaf %i, min_hessian_leaf %f',
    (minSamplesLeaf, minHessian) => {
      const width = 6;
      const data = nodeFor(width);
      const builder = new HistogramBuilder(data.binned, data.rows, width, 1, data.binCounts);
      builder.setTargets(targetsFor(kind, data.rows));
      const node: NodeRows = { start: data.start, end: data.end, g: [0], h: 0, n: 0 };
      builder.totals(data.sample, data.start, data.end, node);
      const options: GrowOptions = {
        maxLeafNodes: 31,
        maxDepth: Infinity,
        minSamplesLeaf,
        minSamplesSplit: 2,
        minHessianLeaf: kind === 'log loss' ? minHessian / 100 : minHessian,
        l2: 0.5,
        shrinkage: 1,
        maxFeatures: width,
      };
      const inKernel = builder.acquire();
      const plain = new Float64Array(builder.histLength);
      builder.buildDense(inKernel, data.sample, data.start, data.end);
      builder.buildDense(plain, data.sample, data.start, data.end);
      const finder = new SplitFinder(builder, data.edges, options);
      const fromKernel = finder.findBestSplit(node, data.sample, inKernel);
      const fromScript = finder.findBestSplit(node, data.sample, plain);
      expect(fromKernel).not.toBeNull();
      expect(fromKernel).toEqual(fromScript);
      // Without a dense histogram each feature is summed and scanned in the kernel: the same
      // sums in the same order, so the same split (it also reports the constant features).
      const { constants, ...fromSparse } = finder.findBestSplit(node, data.sample, null)!;
      const { constants: none, ...fromDense } = fromScript!;
      expect(fromSparse).toEqual(fromDense);
      expect(none).toHaveLength(0);
      // Feature 5 has one bin and no missing values.
      expect(constants).toContain(5);
      expect(Array.from(constants)).toEqual(
        Array.from(data.binCounts.keys()).filter((f) => data.binCounts[f] === 1 && f % 3 !== 1),
      );
    },
  );
});

test('histograms beyond the kernel’s slots are plain arrays that the JavaScript loops fill', () => {
  const data = nodeFor(3);
  const builder = new HistogramBuilder(data.binned, data.rows, 3, 1, data.binCounts, 2);
  builder.setTargets(targetsFor('log loss', data.rows));
  const hists = [builder.acquire(), builder.acquire(), builder.acquire()];
  expect(hists.map((hist) => builder.kernel?.owns(hist))).toEqual([true, true, false]);
  for (const hist of hists) builder.buildDense(hist, data.sample, data.start, data.end);
  expect(hists[2]).toEqual(hists[0]);
  // Released slots come back before new arrays are made.
  builder.release(hists[0]);
  expect(builder.kernel?.owns(builder.acquire())).toBe(true);
});

test('partitions the tree’s rows stably in place: bin ≤ split bin first, both sides in their order', () => {
  const data = nodeFor(7);
  const builder = new HistogramBuilder(data.binned, data.rows, 7, 1, data.binCounts);
  const kernel = builder.kernel!;
  for (const [feature, bin] of [
    [0, 100],
    [1, 3],
    [1, 254],
    [5, 0],
    [2, 0],
  ]) {
    kernel.treeSample.set(data.sample);
    const rows = Array.from(data.sample.subarray(data.start, data.end));
    const bins = (row: number) => data.binned[feature * data.rows + row];
    const left = rows.filter((row) => bins(row) <= bin);
    const right = rows.filter((row) => bins(row) > bin);
    const middle = kernel.partition(data.start, data.end, feature, bin);
    expect(middle).toBe(data.start + left.length);
    expect(Array.from(kernel.treeSample.subarray(data.start, data.end))).toEqual([...left, ...right]);
    // Rows outside the range are untouched.
    expect(kernel.treeSample.subarray(0, data.start)).toEqual(data.sample.subarray(0, data.start));
    expect(kernel.treeSample.subarray(data.end)).toEqual(data.sample.subarray(data.end));
  }
});

describe.each(kinds)('binary features in groups (%s)', (kind) => {
  // Nine features with bins 0 and 1 only, one of them constant, between three that are not.
  const binCounts = [255, 2, 2, 2, 1, 2, 30, 2, 2, 2, 2, 40];
  const missing = binCounts.map((_, f) => (f === 6 ? 0.2 : 0));
  const data = binnedNode(11, 900, binCounts, missing, 40, 840);

  test('are built, subtracted and scanned as the JavaScript loops do, bit for bit', () => {
    const builder = new HistogramBuilder(data.binned, data.rows, data.width, 1, data.binCounts);
    builder.setTargets(targetsFor(kind, data.rows));
    expect(builder.histLength).toBeGreaterThan(data.width * BINS * 3);
    const [inKernel, parentInKernel] = [builder.acquire(), builder.acquire()];
    const [plain, parentPlain] = [new Float64Array(builder.histLength), new Float64Array(builder.histLength)];
    builder.buildDense(inKernel, data.sample, data.start, 400);
    builder.buildDense(plain, data.sample, data.start, 400);
    expect(inKernel).toEqual(plain);
    builder.buildDense(parentInKernel, data.sample, data.start, data.end);
    builder.buildDense(parentPlain, data.sample, data.start, data.end);
    builder.subtract(parentInKernel, inKernel);
    builder.subtract(parentPlain, plain);
    expect(parentInKernel).toEqual(parentPlain);
    const node: NodeRows = { start: 400, end: data.end, g: [0], h: 0, n: 0 };
    builder.totals(data.sample, 400, data.end, node);
    const options: GrowOptions = {
      maxLeafNodes: 31,
      maxDepth: Infinity,
      minSamplesLeaf: 5,
      minSamplesSplit: 2,
      minHessianLeaf: 1e-3,
      l2: 0,
      shrinkage: 1,
      maxFeatures: data.width,
    };
    const finder = new SplitFinder(builder, data.edges, options);
    const fromKernel = finder.findBestSplit(node, data.sample, parentInKernel);
    expect(fromKernel).not.toBeNull();
    expect(fromKernel).toEqual(finder.findBestSplit(node, data.sample, parentPlain));
  });
});

test('training sets beyond one 4 GB WebAssembly memory keep the JavaScript loops', () => {
  expect(HistogramKernel.fits(40_000, 20)).toBe(true);
  expect(HistogramKernel.fits(100_000_000, 30)).toBe(false);
  expect(() => new HistogramKernel(new Uint8Array(0), 100_000_000, 30, 1, 30 * BINS * 3)).toThrow(
    /do not fit the histogram kernel's 4 GB memory/,
  );
});
