import type { PredictionRecord } from '@mlops/registry';

/**
 * Collects the logged values of some numeric features over a window, up to
 * `limit` records: the current side of an exact KS test. Past the limit it
 * lets the values go (`overflow`), so memory stays bounded by the limit and
 * the caller falls back to the window's sketch.
 */
export class WindowValues {
  private readonly values = new Map<string, Float64Array>();
  private readonly sizes = new Map<string, number>();
  /** Records seen. */
  rows = 0;
  overflow = false;

  constructor(
    readonly columns: readonly string[],
    readonly limit: number,
  ) {
    for (const column of columns) {
      this.values.set(column, new Float64Array(1024));
      this.sizes.set(column, 0);
    }
  }

  /** Adds a record's finite numbers (not bin indices; missing or other types are not values). */
  add(record: PredictionRecord): void {
    this.rows += 1;
    if (this.overflow) return;
    if (this.rows > this.limit) {
      this.overflow = true;
      this.values.clear();
      return;
    }
    for (const column of this.columns) {
      const value = record.features[column];
      if (typeof value !== 'number' || !Number.isFinite(value) || record.binned?.includes(column)) continue;
      let buffer = this.values.get(column) as Float64Array;
      const size = this.sizes.get(column) as number;
      if (size === buffer.length) {
        const grown = new Float64Array(buffer.length * 2);
        grown.set(buffer);
        buffer = grown;
        this.values.set(column, buffer);
      }
      buffer[size] = value;
      this.sizes.set(column, size + 1);
    }
  }

  /** The values of one column, or undefined past the limit. */
  of(column: string): Float64Array | undefined {
    const buffer = this.values.get(column);
    return buffer ? buffer.subarray(0, this.sizes.get(column)) : undefined;
  }
}
