import { ModelsError } from '../errors';
import { HISTOGRAM_WASM } from '../generated/kernels';
import { BINS } from './FeatureBinner';
import { leaseKernel, WASM_PAGE } from './wasmKernel';

interface KernelExports {
  dense3(
    hist: number,
    sample: number,
    n: number,
    rowBins: number,
    width: number,
    grad: number,
    hess: number,
    counts: number,
    useCounts: number,
  ): void;
  dense2(
    hist: number,
    sample: number,
    n: number,
    rowBins: number,
    width: number,
    grad: number,
    counts: number,
    useCounts: number,
  ): void;
  subtract(parent: number, child: number, count: number): void;
  countsAsHessians(at: number, bins: number): void;
  partition(
    sample: number,
    start: number,
    end: number,
    rowBins: number,
    width: number,
    feature: number,
    bin: number,
    spill: number,
  ): number;
  sparse1(
    sample: number,
    n: number,
    rowBins: number,
    width: number,
    feature: number,
    grad: number,
    hess: number,
    counts: number,
    useCounts: number,
    withHess: number,
    buf: number,
    bitmap: number,
    g: number,
    h: number,
    total: number,
    l2: number,
    minLeaf: number,
    minHessian: number,
    parentScore: number,
    bestGain: number,
    out: number,
  ): number;
  scan1(
    hist: number,
    used: number,
    g: number,
    h: number,
    n: number,
    l2: number,
    minLeaf: number,
    minHessian: number,
    parentScore: number,
    bestGain: number,
    out: number,
  ): number;
}

/** The largest memory a 32-bit WebAssembly module can address, less a page. */
const MAX_BYTES = 2 ** 32 - WASM_PAGE;
/** Histograms kept in the kernel's memory, at most (beyond, the pool hands out plain arrays). */
const SLOT_BYTES_BUDGET = 48 * 1024 * 1024;

/**
 * The one-channel dense histogram build in WebAssembly (kernels/histogram.wat), with the
 * data it reads in the module's memory: the row-major bins, the per-row statistics of
 * the current tree, the node's row indices, and a fixed set of histogram slots. The
 * memory is sized once and never grown, so the typed-array views handed out stay valid.
 */
export class HistogramKernel {
  /**
   * Whether the data fits one WebAssembly memory (4 GB, 32-bit addresses) with room for a
   * histogram; larger training sets keep the JavaScript loops.
   */
  static fits(rows: number, width: number): boolean {
    // The bins twice (column-major and as the dense build reads them: at most one byte per
    // feature), the per-row statistics and row indices, one histogram (with its groups' codes).
    return 2 * rows * width + rows * (3 * 8 + 3 * 4) + 2 * width * BINS * 3 * 8 + 64 * 1024 < MAX_BYTES;
  }

  /**
   * What the dense build reads, row-major, `denseWidth` bytes per row (see
   * {@link HistogramBuilder}'s layout): the builder fills this view once.
   */
  readonly rowBins: Uint8Array;
  /**
   * The bins, column-major, for the kernels that read one feature of a node's rows
   * (partition, the sparse scan): a node's rows are ascending, so consecutive reads share
   * cache lines here, where in the row-major copy each row's byte is on a line of its own.
   */
  private readonly columnBins: Uint8Array;
  /** What the last {@link scan} found: gain, then the left gradient, hessian and count. */
  readonly found: Float64Array;
  /** How many bins the last {@link scanSparse} touched. */
  private readonly touched: Int32Array;
  private readonly sparseAt: number;
  private readonly bitmapAt: number;
  /**
   * The row indices of the tree being grown: a grower that partitions this view in place
   * ({@link partition}) lets every kernel call read a node's rows where they are.
   */
  readonly treeSample: Int32Array;
  /** Room for a node's rows given in an array outside this memory, and for partitioning. */
  private readonly staging: Int32Array;
  private readonly spill: Int32Array;
  /** The rows {@link loadSample} pointed at: byte offset and count. */
  private loadedAt = 0;
  private loaded = 0;
  private withHessians = 0;
  private readonly kernel: KernelExports;
  private readonly buffer: ArrayBuffer;
  private readonly gradients: Float64Array;
  private readonly hessians: Float64Array;
  private readonly counts: Float64Array;
  private readonly slotBase: number;
  private readonly slotLength: number;
  private readonly freeSlots: Float64Array[] = [];
  private useCounts = 0;
  /** Hands the kernel's instance back for the thread's next fit: nothing here may be used after it. */
  readonly dispose: () => void;

  /**
   * `binned` is column-major, as {@link FeatureBinner.transform} gives it; the dense build
   * reads `denseWidth` bytes per row into histograms of `slotLength` float64.
   */
  constructor(
    binned: Uint8Array,
    private readonly rows: number,
    private readonly denseWidth: number,
    slots: number,
    slotLength: number,
  ) {
    this.slotLength = slotLength;
    const slotBytes = this.slotLength * 8;
    const keep = Math.max(1, Math.min(slots, Math.floor(SLOT_BYTES_BUDGET / slotBytes)));
    const align = (bytes: number) => Math.ceil(bytes / 8) * 8;
    const binsAt = 0;
    const columnBinsAt = rows * denseWidth;
    const gradientsAt = align(columnBinsAt + binned.length);
    const hessiansAt = gradientsAt + rows * 8;
    const countsAt = hessiansAt + rows * 8;
    const sampleAt = countsAt + rows * 8;
    const stagingAt = sampleAt + rows * 4;
    const spillAt = stagingAt + rows * 4;
    const foundAt = align(spillAt + rows * 4);
    this.sparseAt = foundAt + 48;
    this.bitmapAt = this.sparseAt + BINS * 3 * 8;
    this.slotBase = this.bitmapAt + 32;
    const bytes = this.slotBase + keep * slotBytes;
    if (bytes > MAX_BYTES) {
      throw new ModelsError(
        'fit-failed',
        `${rows} rows × ${denseWidth} features do not fit the histogram kernel's 4 GB memory (check HistogramKernel.fits first)`,
      );
    }
    const lease = leaseKernel<KernelExports>(HISTOGRAM_WASM, bytes);
    this.dispose = lease.release;
    this.kernel = lease.exports;
    this.buffer = lease.buffer;
    this.rowBins = new Uint8Array(this.buffer, binsAt, rows * denseWidth);
    this.columnBins = new Uint8Array(this.buffer, columnBinsAt, binned.length);
    this.columnBins.set(binned);
    this.gradients = new Float64Array(this.buffer, gradientsAt, rows);
    this.hessians = new Float64Array(this.buffer, hessiansAt, rows);
    this.counts = new Float64Array(this.buffer, countsAt, rows);
    this.treeSample = new Int32Array(this.buffer, sampleAt, rows);
    this.staging = new Int32Array(this.buffer, stagingAt, rows);
    this.spill = new Int32Array(this.buffer, spillAt, rows);
    this.found = new Float64Array(this.buffer, foundAt, 4);
    this.touched = new Int32Array(this.buffer, foundAt + 32, 1);
    for (let slot = keep - 1; slot >= 0; slot -= 1) {
      this.freeSlots.push(new Float64Array(this.buffer, this.slotBase + slot * slotBytes, this.slotLength));
    }
  }

  /** Copies the tree's per-row statistics in (`hessians` null: they equal the counts). */
  setTargets(gradients: Float64Array, hessians: Float64Array | null, counts: Float64Array | null): void {
    const rows = this.gradients.length;
    this.gradients.set(gradients.subarray(0, rows));
    if (hessians) this.hessians.set(hessians.subarray(0, rows));
    if (counts) this.counts.set(counts.subarray(0, rows));
    this.useCounts = counts ? 1 : 0;
    this.withHessians = hessians ? 1 : 0;
  }

  /** A zeroed histogram-sized array: a slot of the kernel's memory (each handed out once) while any is free. */
  allocate(): Float64Array {
    return this.freeSlots.pop() ?? new Float64Array(this.slotLength);
  }

  /** Whether `hist` lives in the kernel's memory (the kernel can write it in place). */
  owns(hist: Float64Array): boolean {
    return hist.buffer === this.buffer;
  }

  /**
   * Adds the rows `sample[start…end)` into `hist` (which must live in this memory; see
   * {@link owns}): gradient, hessian (when `withHessians`) and count per bin.
   */
  build(hist: Float64Array, sample: Int32Array, start: number, end: number, withHessians: boolean): void {
    const n = end - start;
    const rowsAt = this.rowsPointer(sample, start, end);
    const { kernel, rowBins, denseWidth: width, gradients, counts, useCounts } = this;
    // Without weights the counts pointer is never read (select picks 1), but stays in bounds.
    const countsAt = useCounts ? counts.byteOffset : gradients.byteOffset;
    if (withHessians) {
      kernel.dense3(
        hist.byteOffset,
        rowsAt,
        n,
        rowBins.byteOffset,
        width,
        gradients.byteOffset,
        this.hessians.byteOffset,
        countsAt,
        useCounts,
      );
    } else {
      kernel.dense2(
        hist.byteOffset,
        rowsAt,
        n,
        rowBins.byteOffset,
        width,
        gradients.byteOffset,
        countsAt,
        useCounts,
      );
    }
  }

  /**
   * The best split of one feature of a one-channel histogram in this memory, scanning
   * `used` bins from element `base` of `hist`: the bin (its sums in {@link found}) whose
   * gain beats `bestGain`, or -1.
   */
  scan(
    hist: Float64Array,
    base: number,
    used: number,
    node: { g: readonly number[]; h: number; n: number },
    l2: number,
    minSamplesLeaf: number,
    minHessianLeaf: number,
    parentScore: number,
    bestGain: number,
  ): number {
    return this.kernel.scan1(
      hist.byteOffset + base * 8,
      used,
      node.g[0],
      node.h,
      node.n,
      l2,
      minSamplesLeaf,
      minHessianLeaf,
      parentScore,
      bestGain,
      this.found.byteOffset,
    );
  }

  /** `parent[from…from+count) -= child[from…from+count)`, both histograms in this memory. */
  subtract(parent: Float64Array, child: Float64Array, from: number, count: number): void {
    this.kernel.subtract(parent.byteOffset + from * 8, child.byteOffset + from * 8, count);
  }

  /** Sets the hessian of `bins` bins of `hist` from element `base` on to their count. */
  countsAsHessians(hist: Float64Array, base: number, bins: number): void {
    this.kernel.countsAsHessians(hist.byteOffset + base * 8, bins);
  }

  /** Copies a node's rows in, for the {@link scanSparse} calls on its features. */
  loadSample(sample: Int32Array, start: number, end: number): void {
    this.loadedAt = this.rowsPointer(sample, start, end);
    this.loaded = end - start;
  }

  /** Where `sample[start…end)` is in this memory: in place for {@link treeSample}, else copied. */
  private rowsPointer(sample: Int32Array, start: number, end: number): number {
    if (sample.buffer === this.buffer) return sample.byteOffset + start * 4;
    this.staging.set(sample.subarray(start, end));
    return this.staging.byteOffset;
  }

  /**
   * Stable in-place partition of {@link treeSample}`[start…end)`: rows whose bin of
   * `feature` is ≤ `bin` first. Returns the boundary.
   */
  partition(start: number, end: number, feature: number, bin: number): number {
    return this.kernel.partition(
      this.treeSample.byteOffset,
      start,
      end,
      this.columnBins.byteOffset + feature * this.rows,
      1,
      0,
      bin,
      this.spill.byteOffset,
    );
  }

  /**
   * One feature's histogram over the rows of {@link loadSample} and its best split, with
   * no dense histogram: as {@link scan} (the bin or -1, its sums in {@link found}), and
   * {@link touchedBins} tells how many bins the rows fell in.
   */
  scanSparse(
    feature: number,
    node: { g: readonly number[]; h: number; n: number },
    l2: number,
    minSamplesLeaf: number,
    minHessianLeaf: number,
    parentScore: number,
    bestGain: number,
  ): number {
    const { gradients, counts, useCounts } = this;
    return this.kernel.sparse1(
      this.loadedAt,
      this.loaded,
      this.columnBins.byteOffset + feature * this.rows,
      1,
      0,
      gradients.byteOffset,
      this.hessians.byteOffset,
      useCounts ? counts.byteOffset : gradients.byteOffset,
      useCounts,
      this.withHessians,
      this.sparseAt,
      this.bitmapAt,
      node.g[0],
      node.h,
      node.n,
      l2,
      minSamplesLeaf,
      minHessianLeaf,
      parentScore,
      bestGain,
      this.found.byteOffset,
    );
  }

  /** The bins the last {@link scanSparse} touched. */
  get touchedBins(): number {
    return this.touched[0];
  }
}
