import { QuantileSketch } from '@mlops/drift';
import { MAX_LATENCY_VALUES, SKETCH_K } from './LogFold';
import type { TrafficBuckets } from './trafficBuckets';

const MINUTE = 60_000;

/** Latency percentiles per time bucket: null where a bucket holds no prediction. */
export interface LatencyOverTime {
  p50: (number | null)[];
  p95: (number | null)[];
  p99: (number | null)[];
}

/** One bucket's latencies: exact value counts while they are few, else a KLL sketch. */
interface BucketLatencies {
  rows: number;
  counts: Map<number, number> | null;
  sketch: QuantileSketch | null;
}

/**
 * Folds `latency_ms` values into the time buckets of a window as records stream past, so
 * latency over time never needs the records held: each bucket keeps the counts of its
 * distinct values (exact nearest-rank percentiles) while there are at most 1,000 of them,
 * then a KLL sketch (k = 200, about 1 % rank error), as the fold's whole-window latency
 * does. Memory is bounded by the buckets (at most 180), not by the log.
 */
export class LatencyBuckets {
  private readonly buckets: (BucketLatencies | undefined)[];
  private readonly origin: number;
  private readonly width: number;

  constructor(buckets: TrafficBuckets) {
    this.buckets = new Array(buckets.starts.length);
    this.origin = buckets.starts[0] ?? 0;
    this.width = buckets.minutes * MINUTE;
  }

  /** Adds one prediction's latency at its time (ISO); a time outside the buckets is left out. */
  add(timestamp: string, latency: number): void {
    const b = Math.floor((Date.parse(timestamp) - this.origin) / this.width);
    if (!(b >= 0 && b < this.buckets.length) || !Number.isFinite(latency)) return;
    let bucket = this.buckets[b];
    if (!bucket) {
      bucket = { rows: 0, counts: new Map(), sketch: null };
      this.buckets[b] = bucket;
    }
    bucket.rows += 1;
    if (bucket.counts) {
      bucket.counts.set(latency, (bucket.counts.get(latency) ?? 0) + 1);
      if (bucket.counts.size > MAX_LATENCY_VALUES) {
        // Too many distinct values to count: the sketch takes them over.
        const sketch = new QuantileSketch(SKETCH_K);
        for (const [value, count] of bucket.counts) for (let i = 0; i < count; i += 1) sketch.update(value);
        bucket.sketch = sketch;
        bucket.counts = null;
      }
    } else bucket.sketch?.update(latency);
  }

  /** p50, p95 and p99 of each bucket by nearest rank (from the sketch past 1,000 distinct values). */
  percentiles(): LatencyOverTime {
    const out: LatencyOverTime = { p50: [], p95: [], p99: [] };
    for (let b = 0; b < this.buckets.length; b += 1) {
      const bucket = this.buckets[b];
      const at = bucket ? quantileOf(bucket) : () => null;
      out.p50.push(at(0.5));
      out.p95.push(at(0.95));
      out.p99.push(at(0.99));
    }
    return out;
  }
}

function quantileOf(bucket: BucketLatencies): (q: number) => number {
  const { counts, sketch, rows } = bucket;
  if (!counts) return (q) => (sketch as QuantileSketch).quantile(q);
  const sorted = [...counts].sort((a, b) => a[0] - b[0]);
  return (q) => {
    const rank = Math.max(1, Math.ceil(q * rows));
    let seen = 0;
    for (const [value, count] of sorted) {
      seen += count;
      if (seen >= rank) return value;
    }
    return sorted[sorted.length - 1][0];
  };
}
