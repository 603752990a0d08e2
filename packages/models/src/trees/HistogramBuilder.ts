import { type BinaryGroup, binaryGroups, packDenseBins, spreadCodes } from './binaryGroups';
import { BINS, MISSING_BIN } from './FeatureBinner';
import { HistogramKernel } from './HistogramKernel';
import { referenceArray } from './stableArrays';
import type { GrowTargets, NodeSums } from './treeTypes';

/**
 * Builds per-feature histograms of (gradient × channels, hessian, count) for the rows
 * of a node: `hist[histAt[feature] + bin · stride + slot]`, `stride = channels + 2`, 256
 * bins per feature. With one channel, features whose bins are all 0 or 1 are read in
 * groups of up to 8 ({@link binaryGroups}): a histogram then holds, in this order, the
 * other features, one 256-bin histogram of codes per group, and the grouped features,
 * and the dense build adds a row once per group, not once per feature.
 * Dense histograms (every feature, kept for the subtraction trick) come from a pool;
 * small nodes use a sparse one-feature histogram, a buffer the caller owns (the split
 * search) that {@link buildSparse} fills and {@link clearSparse} zeroes bin by bin.
 * With one channel the dense build runs in WebAssembly ({@link HistogramKernel}), on
 * histograms in the kernel's memory; the JavaScript loops remain for several channels
 * and for histograms beyond the kernel's slots.
 */
export class HistogramBuilder {
  readonly stride: number;
  /** Where each feature's histogram starts in a dense histogram (element index). */
  readonly histAt: Int32Array;
  /** Elements of a dense histogram. */
  readonly histLength: number;
  private readonly groups: BinaryGroup[];
  private readonly pool: Float64Array[] = referenceArray();
  /**
   * What {@link buildDense} reads, row-major, `denseWidth` bytes per row: the bins of the
   * features not in a group, then each group's code.
   */
  private readonly rowBins: Uint8Array;
  private readonly denseWidth: number;
  /** The WebAssembly dense build and split scan (one channel only). */
  readonly kernel: HistogramKernel | null;
  /** Bitmap of the bins {@link buildSparse} touched; all zeros between calls. */
  private readonly seen = new Uint32Array(8);
  private gradients: Float64Array = new Float64Array(0);
  private hessians: Float64Array | null = null;
  private counts: Float64Array | null = null;
  /** Whether the hessian of every row equals its count (squared error, forests): one sum fewer. */
  private hessianIsCount = false;

  constructor(
    private readonly binned: Uint8Array,
    private readonly rows: number,
    private readonly width: number,
    private readonly channels: number,
    /** Value bins per feature (dense scans stop there). */
    readonly binCounts: Int32Array,
    /** Dense histograms alive at once, about (the kernel's memory holds this many). */
    liveHistograms = 64,
  ) {
    this.stride = channels + 2;
    this.groups = channels === 1 ? binaryGroups(binned, rows, width) : [];
    const grouped = new Set(this.groups.flatMap((group) => Array.from(group.features)));
    const single = Array.from({ length: width }, (_, f) => f).filter((f) => !grouped.has(f));
    this.denseWidth = single.length + this.groups.length;
    const featureStride = BINS * this.stride;
    this.histAt = new Int32Array(width);
    single.forEach((feature, position) => {
      this.histAt[feature] = position * featureStride;
    });
    let position = this.denseWidth;
    for (const [k, group] of this.groups.entries()) {
      group.codesAt = (single.length + k) * featureStride;
      for (const feature of group.features) this.histAt[feature] = position++ * featureStride;
    }
    this.histLength = (width + this.groups.length) * featureStride;
    this.kernel =
      channels === 1 && HistogramKernel.fits(rows, width)
        ? new HistogramKernel(binned, rows, this.denseWidth, liveHistograms, this.histLength)
        : null;
    this.rowBins = this.kernel ? this.kernel.rowBins : new Uint8Array(rows * this.denseWidth);
    packDenseBins(binned, rows, single, this.groups, this.rowBins);
  }

  /** The per-row statistics the next histograms and totals are summed from. */
  setTargets(targets: GrowTargets): void {
    this.gradients = targets.gradients;
    this.hessians = targets.hessians;
    this.counts = targets.counts;
    this.hessianIsCount = targets.hessians === null || targets.hessians === targets.counts;
    this.kernel?.setTargets(targets.gradients, this.hessianIsCount ? null : targets.hessians, targets.counts);
  }

  /** A zeroed dense histogram, recycled when possible. */
  acquire(): Float64Array {
    const hist = this.pool.pop();
    if (hist) return this.clear(hist);
    // A slot the kernel hands out for the first time is untouched, zeroed memory.
    return this.kernel ? this.kernel.allocate() : new Float64Array(this.histLength);
  }

  /**
   * Zeroes what a build, subtraction or spread can have written: each feature's value
   * bins and missing bin, and the groups' codes (on one-hot data most bins are unused).
   */
  private clear(hist: Float64Array): Float64Array {
    const { stride, binCounts, histAt } = this;
    for (let feature = 0; feature < this.width; feature += 1) {
      const base = histAt[feature];
      hist.fill(0, base, base + binCounts[feature] * stride);
      hist.fill(0, base + MISSING_BIN * stride, base + BINS * stride);
    }
    for (const { codesAt } of this.groups) hist.fill(0, codesAt, codesAt + BINS * stride);
    return hist;
  }

  /** Ends the builder's use of the WebAssembly kernel (its instance goes to the thread's next fit). */
  dispose(): void {
    this.kernel?.dispose();
  }

  /** Returns a dense histogram to the pool (nothing for `null`). */
  release(hist: Float64Array | null): void {
    if (hist) this.pool.push(hist);
  }

  /** Writes the sums of `sample[start…end)` into `into`: gradients per channel, hessian, count. */
  totals(sample: Int32Array, start: number, end: number, into: NodeSums): void {
    const { gradients, hessians, counts, channels } = this;
    const g = into.g;
    g.fill(0);
    let h = 0;
    let n = 0;
    for (let i = start; i < end; i += 1) {
      const row = sample[i];
      for (let c = 0; c < channels; c += 1) g[c] += gradients[row * channels + c];
      const count = counts ? counts[row] : 1;
      h += hessians ? hessians[row] : count;
      n += count;
    }
    into.h = h;
    into.n = n;
  }

  /**
   * Fills the zeroed `hist` with every feature's histogram over `sample[start…end)`.
   * Row by row over the row-major copy of the bins: one read of the row's index and
   * statistics serves all its features, and its bins share a cache line, where a
   * feature-by-feature pass reads every row's index and statistics once per feature.
   * Within a bin rows are still added in sample order, so the sums do not change.
   */
  buildDense(hist: Float64Array, sample: Int32Array, start: number, end: number): void {
    const { channels, hessianIsCount, stride, binCounts, histAt } = this;
    const kernel = this.kernel?.owns(hist) ? this.kernel : null;
    if (channels > 1) this.denseChannels(hist, sample, start, end);
    else if (kernel) kernel.build(hist, sample, start, end, !hessianIsCount);
    else this.denseOneChannel(hist, sample, start, end);
    if (this.groups.length > 0) spreadCodes(hist, this.groups, histAt);
    if (!hessianIsCount) return;
    // Only a feature's value bins and its missing bin can be non-zero.
    for (let feature = 0; feature < this.width; feature += 1) {
      const base = histAt[feature];
      const missing = base + MISSING_BIN * stride;
      if (kernel) {
        kernel.countsAsHessians(hist, base, binCounts[feature]);
        kernel.countsAsHessians(hist, missing, 1);
        continue;
      }
      for (let slot = base; slot < base + binCounts[feature] * stride; slot += stride)
        hist[slot + channels] = hist[slot + channels + 1];
      hist[missing + channels] = hist[missing + channels + 1];
    }
  }

  /**
   * One channel: gradient, hessian and count per bin; the hessian is left out (and copied from
   * the count afterwards) when it equals the count (squared error, forests).
   */
  private denseOneChannel(hist: Float64Array, sample: Int32Array, start: number, end: number): void {
    const { rowBins, denseWidth: width, gradients, counts } = this;
    const hessians = this.hessianIsCount ? null : this.hessians;
    const fs = BINS * 3;
    // Four features per step: their bins are in four different histograms, so the four
    // read-add-write chains are independent and overlap (one chain at a time stalls on
    // the previous row's store whenever consecutive rows share a bin).
    const wide = width - (width % 4);
    for (let i = start; i < end; i += 1) {
      const row = sample[i];
      const g = gradients[row];
      const count = counts ? counts[row] : 1;
      const h = hessians === null ? 0 : hessians[row];
      const first = row * width;
      let f = 0;
      let base = 0;
      if (hessians === null) {
        for (; f < wide; f += 4, base += 4 * fs) {
          const a0 = base + rowBins[first + f] * 3;
          const a1 = base + fs + rowBins[first + f + 1] * 3;
          const a2 = base + 2 * fs + rowBins[first + f + 2] * 3;
          const a3 = base + 3 * fs + rowBins[first + f + 3] * 3;
          hist[a0] += g;
          hist[a0 + 2] += count;
          hist[a1] += g;
          hist[a1 + 2] += count;
          hist[a2] += g;
          hist[a2 + 2] += count;
          hist[a3] += g;
          hist[a3 + 2] += count;
        }
        for (; f < width; f += 1, base += fs) {
          const at = base + rowBins[first + f] * 3;
          hist[at] += g;
          hist[at + 2] += count;
        }
        continue;
      }
      for (; f < wide; f += 4, base += 4 * fs) {
        const a0 = base + rowBins[first + f] * 3;
        const a1 = base + fs + rowBins[first + f + 1] * 3;
        const a2 = base + 2 * fs + rowBins[first + f + 2] * 3;
        const a3 = base + 3 * fs + rowBins[first + f + 3] * 3;
        hist[a0] += g;
        hist[a0 + 1] += h;
        hist[a0 + 2] += count;
        hist[a1] += g;
        hist[a1 + 1] += h;
        hist[a1 + 2] += count;
        hist[a2] += g;
        hist[a2 + 1] += h;
        hist[a2 + 2] += count;
        hist[a3] += g;
        hist[a3 + 1] += h;
        hist[a3 + 2] += count;
      }
      for (; f < width; f += 1, base += fs) {
        const at = base + rowBins[first + f] * 3;
        hist[at] += g;
        hist[at + 1] += h;
        hist[at + 2] += count;
      }
    }
  }

  private denseChannels(hist: Float64Array, sample: Int32Array, start: number, end: number): void {
    // Several channels: no groups, so the dense bytes are the features in order.
    const { rowBins, width, stride, channels, gradients, hessians, counts, hessianIsCount } = this;
    const featureStride = BINS * stride;
    for (let i = start; i < end; i += 1) {
      const row = sample[i];
      const count = counts ? counts[row] : 1;
      const h = hessianIsCount ? 0 : hessians![row];
      const first = row * width;
      const g = row * channels;
      for (let f = 0, base = 0; f < width; f += 1, base += featureStride) {
        const slot = base + rowBins[first + f] * stride;
        for (let c = 0; c < channels; c += 1) hist[slot + c] += gradients[g + c];
        hist[slot + channels + 1] += count;
        if (!hessianIsCount) hist[slot + channels] += h;
      }
    }
  }

  /** `parent -= child`, element-wise: the sibling's histogram without reading its rows. */
  subtract(parent: Float64Array, child: Float64Array): void {
    const { stride, binCounts, kernel, histAt } = this;
    if (kernel?.owns(parent) && kernel.owns(child)) {
      for (let feature = 0; feature < this.width; feature += 1) {
        const base = histAt[feature];
        kernel.subtract(parent, child, base, binCounts[feature] * stride);
        kernel.subtract(parent, child, base + (BINS - 1) * stride, stride);
      }
      return;
    }
    for (let feature = 0; feature < this.width; feature += 1) {
      // Only the feature's value bins and the missing bin can be non-zero.
      const base = histAt[feature];
      const end = base + binCounts[feature] * stride;
      for (let i = base; i < end; i += 1) parent[i] -= child[i];
      const missing = base + (BINS - 1) * stride;
      for (let i = missing; i < missing + stride; i += 1) parent[i] -= child[i];
    }
  }

  /**
   * Accumulates one feature's histogram over `sample[start…end)` into `sparse` (`256 · stride`
   * numbers, all zeros) and returns how many bins it touched, listed ascending in
   * `touched[0…used)`. Call {@link clearSparse} after reading it.
   */
  buildSparse(
    sparse: Float64Array,
    touched: Int32Array,
    sample: Int32Array,
    start: number,
    end: number,
    feature: number,
  ): number {
    const { binned, rows, stride, channels, gradients, hessians, counts, seen } = this;
    const column = feature * rows;
    const countSlot = channels + 1;
    if (channels === 1 && this.hessianIsCount) {
      for (let i = start; i < end; i += 1) {
        const row = sample[i];
        const bin = binned[column + row];
        seen[bin >>> 5] |= 1 << (bin & 31);
        sparse[bin * 3] += gradients[row];
        sparse[bin * 3 + 2] += counts ? counts[row] : 1;
      }
    } else {
      for (let i = start; i < end; i += 1) {
        const row = sample[i];
        const bin = binned[column + row];
        const slot = bin * stride;
        seen[bin >>> 5] |= 1 << (bin & 31);
        for (let c = 0; c < channels; c += 1) sparse[slot + c] += gradients[row * channels + c];
        sparse[slot + countSlot] += counts ? counts[row] : 1;
        if (!this.hessianIsCount) sparse[slot + channels] += hessians![row];
      }
    }
    // The touched bins in ascending order, read off the bitmap (cheaper than sorting).
    let used = 0;
    for (let word = 0; word < 8; word += 1) {
      let bits = seen[word];
      seen[word] = 0;
      while (bits !== 0) {
        const low = bits & -bits;
        touched[used++] = (word << 5) + 31 - Math.clz32(low);
        bits ^= low;
      }
    }
    if (this.hessianIsCount)
      for (let i = 0; i < used; i += 1)
        sparse[touched[i] * stride + channels] = sparse[touched[i] * stride + countSlot];
    return used;
  }

  /** Zeroes the bins {@link buildSparse} touched, so `sparse` can be filled again. */
  clearSparse(sparse: Float64Array, touched: Int32Array, used: number): void {
    const { stride } = this;
    for (let i = 0; i < used; i += 1) {
      const slot = touched[i] * stride;
      for (let j = 0; j < stride; j += 1) sparse[slot + j] = 0;
    }
  }
}
