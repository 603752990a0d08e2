import type { PredictionRecord } from '@mlops/registry';
import type { ShadowAgreement } from './roleSummaryTypes';

export type { ShadowAgreement };

/** Unpaired records held per side while waiting for their other half: older ones are evicted. @default */
export const MAX_PENDING_PAIRS = 50_000;

/**
 * Pairs champion and shadow records by request id (a batch row is `<id>#<i>`, so ids are
 * unique per row), for every shadow version at once. Memory is bounded: at most `limit`
 * champion records and `limit` unpaired shadow records per version are held, the oldest
 * evicted first (a Map keeps insertion order); a shadow is logged by the same API process
 * right after its champion, so its pair is close in the stream. A champion record stays
 * held after pairing (another shadow version may score the same request).
 */
export class ShadowPairs {
  private readonly champion = new Map<string, unknown>();
  private readonly versions = new Map<number, PairCounts>();

  constructor(
    private readonly classification: boolean,
    /** Regression: relative tolerance of agreement. @default 0.05 */
    private readonly tolerance = 0.05,
    private readonly limit = MAX_PENDING_PAIRS,
  ) {}

  addChampion(record: PredictionRecord): void {
    const id = record.request_id;
    for (const counts of this.versions.values()) {
      if (!counts.pending.has(id)) continue;
      this.pair(counts, record.prediction, counts.pending.get(id));
      counts.pending.delete(id);
    }
    this.champion.delete(id);
    this.champion.set(id, record.prediction);
    if (this.champion.size > this.limit) this.champion.delete(this.champion.keys().next().value as string);
  }

  addShadow(record: PredictionRecord): void {
    let counts = this.versions.get(record.model_version);
    if (!counts) {
      counts = { pending: new Map(), pairs: 0, agree: 0, absDiff: 0, shadows: 0, evicted: 0 };
      this.versions.set(record.model_version, counts);
    }
    counts.shadows += 1;
    const id = record.request_id;
    if (this.champion.has(id)) {
      this.pair(counts, this.champion.get(id), record.prediction);
      return;
    }
    counts.pending.set(id, record.prediction);
    if (counts.pending.size > this.limit) {
      counts.pending.delete(counts.pending.keys().next().value as string);
      counts.evicted += 1;
    }
  }

  /** The agreement of one shadow version (null when it logged nothing). */
  finish(version: number): ShadowAgreement | null {
    const counts = this.versions.get(version);
    if (!counts) return null;
    const n = counts.pairs;
    return {
      pairs: n,
      agreement_rate: n ? counts.agree / n : null,
      mean_abs_difference: this.classification || !n ? null : counts.absDiff / n,
      tolerance: this.classification ? null : this.tolerance,
      unpaired_shadow: counts.shadows - n,
      evicted: counts.evicted,
    };
  }

  private pair(counts: PairCounts, champion: unknown, shadow: unknown): void {
    counts.pairs += 1;
    if (this.classification) {
      if (String(champion) === String(shadow)) counts.agree += 1;
      return;
    }
    const a = Number(champion);
    const diff = Math.abs(a - Number(shadow));
    counts.absDiff += diff;
    if (diff <= this.tolerance * Math.max(1, Math.abs(a))) counts.agree += 1;
  }
}

interface PairCounts {
  pending: Map<string, unknown>;
  pairs: number;
  agree: number;
  absDiff: number;
  shadows: number;
  evicted: number;
}
