import { BINS } from './FeatureBinner';
import type { GrowTargets, NodeSums } from './treeTypes';

/**
 * Builds per-feature histograms of (gradient × channels, hessian, count) for the rows
 * of a node: `hist[(feature · 256 + bin) · stride + slot]`, `stride = channels + 2`.
 * Dense histograms (every feature, kept for the subtraction trick) come from a pool;
 * small nodes use a sparse one-feature histogram, a buffer the caller owns (the split
 * search) that {@link buildSparse} fills and {@link clearSparse} zeroes bin by bin.
 */
export class HistogramBuilder {
  readonly stride: number;
  private readonly pool: Float64Array[] = [];
  private readonly orderedG: Float64Array;
  private readonly orderedH: Float64Array;
  private readonly orderedC: Float64Array;
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
  ) {
    this.stride = channels + 2;
    this.orderedG = new Float64Array(rows * channels);
    this.orderedH = new Float64Array(rows);
    this.orderedC = new Float64Array(rows);
  }

  /** The per-row statistics the next histograms and totals are summed from. */
  setTargets(targets: GrowTargets): void {
    this.gradients = targets.gradients;
    this.hessians = targets.hessians;
    this.counts = targets.counts;
    this.hessianIsCount = targets.hessians === null || targets.hessians === targets.counts;
  }

  /** A zeroed dense histogram, recycled when possible. */
  acquire(): Float64Array {
    const hist = this.pool.pop();
    if (hist) return hist.fill(0);
    return new Float64Array(this.width * BINS * this.stride);
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

  /** Copies the node's per-row statistics into contiguous buffers (read once per feature after). */
  private gather(sample: Int32Array, start: number, end: number): void {
    const { gradients, hessians, counts, channels, orderedG, orderedH, orderedC } = this;
    for (let i = start; i < end; i += 1) {
      const row = sample[i];
      const k = i - start;
      if (channels === 1) orderedG[k] = gradients[row];
      else for (let c = 0; c < channels; c += 1) orderedG[k * channels + c] = gradients[row * channels + c];
      orderedC[k] = counts ? counts[row] : 1;
      if (hessians && !this.hessianIsCount) orderedH[k] = hessians[row];
    }
  }

  /** Fills the zeroed `hist` with every feature's histogram over `sample[start…end)`. */
  buildDense(hist: Float64Array, sample: Int32Array, start: number, end: number): void {
    this.gather(sample, start, end);
    const { rows, stride, channels, hessianIsCount } = this;
    const n = end - start;
    for (let feature = 0; feature < this.width; feature += 1) {
      const column = feature * rows;
      const base = feature * BINS * stride;
      if (channels === 1 && hessianIsCount) this.denseOneChannel(hist, sample, start, n, column, base);
      else if (channels === 1) this.denseOneChannelHessian(hist, sample, start, n, column, base);
      else this.denseChannels(hist, sample, start, n, column, base);
      if (hessianIsCount) {
        for (let bin = 0; bin < BINS; bin += 1) {
          const slot = base + bin * stride;
          hist[slot + channels] = hist[slot + channels + 1];
        }
      }
    }
  }

  // The hot loops, unrolled by four: independent additions overlap instead of queueing
  // behind each other when neighbouring rows fall in the same bin.
  private denseOneChannel(
    hist: Float64Array,
    sample: Int32Array,
    start: number,
    n: number,
    column: number,
    base: number,
  ): void {
    const { binned, orderedG: g, orderedC: c } = this;
    let k = 0;
    for (; k + 3 < n; k += 4) {
      const s0 = base + binned[column + sample[start + k]] * 3;
      const s1 = base + binned[column + sample[start + k + 1]] * 3;
      const s2 = base + binned[column + sample[start + k + 2]] * 3;
      const s3 = base + binned[column + sample[start + k + 3]] * 3;
      hist[s0] += g[k];
      hist[s0 + 2] += c[k];
      hist[s1] += g[k + 1];
      hist[s1 + 2] += c[k + 1];
      hist[s2] += g[k + 2];
      hist[s2 + 2] += c[k + 2];
      hist[s3] += g[k + 3];
      hist[s3 + 2] += c[k + 3];
    }
    for (; k < n; k += 1) {
      const s = base + binned[column + sample[start + k]] * 3;
      hist[s] += g[k];
      hist[s + 2] += c[k];
    }
  }

  private denseOneChannelHessian(
    hist: Float64Array,
    sample: Int32Array,
    start: number,
    n: number,
    column: number,
    base: number,
  ): void {
    const { binned, orderedG: g, orderedH: h, orderedC: c } = this;
    let k = 0;
    for (; k + 3 < n; k += 4) {
      const s0 = base + binned[column + sample[start + k]] * 3;
      const s1 = base + binned[column + sample[start + k + 1]] * 3;
      const s2 = base + binned[column + sample[start + k + 2]] * 3;
      const s3 = base + binned[column + sample[start + k + 3]] * 3;
      hist[s0] += g[k];
      hist[s0 + 1] += h[k];
      hist[s0 + 2] += c[k];
      hist[s1] += g[k + 1];
      hist[s1 + 1] += h[k + 1];
      hist[s1 + 2] += c[k + 1];
      hist[s2] += g[k + 2];
      hist[s2 + 1] += h[k + 2];
      hist[s2 + 2] += c[k + 2];
      hist[s3] += g[k + 3];
      hist[s3 + 1] += h[k + 3];
      hist[s3 + 2] += c[k + 3];
    }
    for (; k < n; k += 1) {
      const s = base + binned[column + sample[start + k]] * 3;
      hist[s] += g[k];
      hist[s + 1] += h[k];
      hist[s + 2] += c[k];
    }
  }

  private denseChannels(
    hist: Float64Array,
    sample: Int32Array,
    start: number,
    n: number,
    column: number,
    base: number,
  ): void {
    const { binned, stride, channels, orderedG, orderedH, orderedC, hessianIsCount } = this;
    for (let k = 0; k < n; k += 1) {
      const slot = base + binned[column + sample[start + k]] * stride;
      for (let c = 0; c < channels; c += 1) hist[slot + c] += orderedG[k * channels + c];
      hist[slot + channels + 1] += orderedC[k];
      if (!hessianIsCount) hist[slot + channels] += orderedH[k];
    }
  }

  /** `parent -= child`, element-wise: the sibling's histogram without reading its rows. */
  subtract(parent: Float64Array, child: Float64Array): void {
    const { stride, binCounts } = this;
    for (let feature = 0; feature < this.width; feature += 1) {
      // Only the feature's value bins and the missing bin can be non-zero.
      const base = feature * BINS * stride;
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
