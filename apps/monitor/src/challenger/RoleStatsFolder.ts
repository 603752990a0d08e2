import { QuantileSketch } from '@mlops/drift';
import type { PredictionRecord } from '@mlops/registry';
import type { LatencySummary, PredictionSummary } from './roleSummaryTypes';

export type { LatencySummary, PredictionSummary };

/** KLL sketch size of the latency and value sketches (about 1 % rank error). */
const SKETCH_K = 200;
/** Distinct classes kept per role; more are summed under `(other)`. */
const MAX_CLASSES = 50;
/** Bins of the probability histogram, equal width on [0, 1]. */
export const PROBABILITY_BINS = 10;

/**
 * Folds one role's records (one version) with bounded memory: a count, a latency sketch,
 * class counts or a value sketch, and a probability histogram.
 */
export class RoleStatsFolder {
  count = 0;
  readonly latency = new QuantileSketch(SKETCH_K);
  readonly values = new QuantileSketch(SKETCH_K);
  readonly classes = new Map<string, number>();
  readonly probability = new Float64Array(PROBABILITY_BINS);
  private sum = 0;
  first: string | null = null;
  last: string | null = null;

  constructor(readonly classification: boolean) {}

  add(record: PredictionRecord): void {
    this.count += 1;
    if (this.first === null || record.timestamp < this.first) this.first = record.timestamp;
    if (this.last === null || record.timestamp > this.last) this.last = record.timestamp;
    if (Number.isFinite(record.latency_ms)) this.latency.update(record.latency_ms);
    if (this.classification) {
      let key = String(record.prediction);
      if (!this.classes.has(key) && this.classes.size >= MAX_CLASSES) key = '(other)';
      this.classes.set(key, (this.classes.get(key) ?? 0) + 1);
    } else {
      const value = Number(record.prediction);
      if (Number.isFinite(value)) {
        this.values.update(value);
        this.sum += value;
      }
    }
    const p = record.probability;
    if (typeof p === 'number' && p >= 0 && p <= 1)
      this.probability[Math.min(PROBABILITY_BINS - 1, Math.floor(p * PROBABILITY_BINS))] += 1;
  }

  latencySummary(): LatencySummary | null {
    if (this.latency.count === 0) return null;
    const q = (level: number) => this.latency.quantile(level);
    return { p50: q(0.5), p95: q(0.95), p99: q(0.99), max: q(1) };
  }

  predictionSummary(): PredictionSummary {
    if (this.classification) {
      const counts = Object.fromEntries([...this.classes.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
      const total = Object.values(counts).reduce((s, c) => s + c, 0);
      const shares = Object.fromEntries(Object.entries(counts).map(([k, c]) => [k, total ? c / total : 0]));
      return { kind: 'classes', counts, shares };
    }
    const n = this.values.count;
    const q = (level: number) => (n ? this.values.quantile(level) : Number.NaN);
    return {
      kind: 'values',
      mean: n ? this.sum / n : Number.NaN,
      quantiles: { p05: q(0.05), p25: q(0.25), p50: q(0.5), p75: q(0.75), p95: q(0.95) },
    };
  }

  /** Shares of the probability histogram's bins, or null when no record logged a probability. */
  probabilityShares(): number[] | null {
    const total = this.probability.reduce((s, c) => s + c, 0);
    return total ? [...this.probability].map((c) => c / total) : null;
  }
}
