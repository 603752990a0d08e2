import { SORT_WASM } from '../generated/kernels';
import { leaseKernel, WASM_PAGE } from './wasmKernel';

interface SortExports {
  argsort(keys: number, idx: number, n: number, keys2: number, idx2: number, counts: number): number;
}

/** The largest memory a 32-bit WebAssembly module can address, less a page. */
const MAX_BYTES = 2 ** 32 - WASM_PAGE;
/** Eight 256-bucket digit histograms of int32. */
const COUNTS_BYTES = 8 * 256 * 4;

/**
 * Sorts one column's values with their row indices (kernels/sort.wat, a radix sort), for
 * {@link FeatureBinner.fitTransform}: the caller writes a column into {@link values} and
 * {@link rows}, then {@link sort} returns both in ascending order of value.
 */
export class ColumnSorter {
  /** Whether `capacity` values fit one 4 GB WebAssembly memory. */
  static fits(capacity: number): boolean {
    return capacity * 24 + COUNTS_BYTES < MAX_BYTES;
  }

  /** Where the caller puts a column's values (no NaN) … */
  readonly values: Float64Array;
  /** … and their row indices. */
  readonly rows: Int32Array;
  private readonly sortedValues: Float64Array;
  private readonly sortedRows: Int32Array;
  private readonly countsAt: number;
  private readonly kernel: SortExports;
  /** Hands the kernel's instance back for the thread's next sorter: nothing here may be used after it. */
  readonly dispose: () => void;

  constructor(capacity: number) {
    const lease = leaseKernel<SortExports>(SORT_WASM, capacity * 24 + COUNTS_BYTES);
    const { exports: kernel, buffer } = lease;
    this.dispose = lease.release;
    this.kernel = kernel;
    this.values = new Float64Array(buffer, 0, capacity);
    this.sortedValues = new Float64Array(buffer, capacity * 8, capacity);
    this.rows = new Int32Array(buffer, capacity * 16, capacity);
    this.sortedRows = new Int32Array(buffer, capacity * 20, capacity);
    this.countsAt = capacity * 24;
  }

  /** Sorts the first `n` {@link values} ascending (stable), their {@link rows} with them. */
  sort(n: number): { values: Float64Array; rows: Int32Array } {
    const { values, rows, sortedValues, sortedRows } = this;
    const inScratch = this.kernel.argsort(
      values.byteOffset,
      rows.byteOffset,
      n,
      sortedValues.byteOffset,
      sortedRows.byteOffset,
      this.countsAt,
    );
    return inScratch
      ? { values: sortedValues.subarray(0, n), rows: sortedRows.subarray(0, n) }
      : { values: values.subarray(0, n), rows: rows.subarray(0, n) };
  }
}
