import { type ColumnDrift, type WindowProfile, windowStatistics } from '@mlops/drift';
import type { BaselineProfile } from '@mlops/features';
import { driftScore } from './driftScore';
import { type FeatureDistribution, featureDistributions } from './featureCharts';

/** Quantile levels the drill-down compares (those every reference profile holds, ends included). */
export const DETAIL_LEVELS = [0, 0.01, 0.25, 0.5, 0.75, 0.99, 1] as const;

/** A category of the current window the reference never had, with its rows. */
export interface NewCategory {
  category: string;
  count: number;
}

/** One feature's drill-down: its test, score, distributions, quantiles, missing shares and new categories. */
export interface FeatureDetail {
  column: string;
  kind: 'numeric' | 'categorical';
  drift: ColumnDrift;
  /** {@link driftScore}: 1 at the threshold, above 1 drifted. */
  drift_score: number;
  /** Reference vs current shares per reference bin or category (null when the window holds none). */
  distribution: FeatureDistribution | null;
  /** Numeric: value at each level of {@link DETAIL_LEVELS}; current ones from the window's sketch (≈1 % rank error). Null for binned fields. */
  quantiles: { level: number; reference: number; current: number }[] | null;
  /** Share of rows without a value, on each side. */
  missing: { reference: number; current: number };
  /** Categorical: current categories the reference never had, most rows first (at most 20). */
  new_categories: NewCategory[];
}

/**
 * The drill-down of every tested feature, in the order given (the report passes
 * them most drifted first): what a data scientist opens a drifted feature for.
 * Everything is read from the reference profile and the merged window profile,
 * so its size does not grow with the log.
 */
export function featureDetails(
  columns: readonly ColumnDrift[],
  reference: BaselineProfile,
  window: WindowProfile,
): FeatureDetail[] {
  const distributions = new Map(featureDistributions(reference, window).map((d) => [d.column, d]));
  const details: FeatureDetail[] = [];
  for (const drift of columns) {
    const profile = reference.columns[drift.column];
    const seen = window.columns[drift.column];
    if (!profile || !seen) continue;
    const quantiles =
      profile.kind === 'numeric' && seen.kind === 'numeric'
        ? (() => {
            const current = windowStatistics(seen, DETAIL_LEVELS).quantiles;
            return DETAIL_LEVELS.map((level) => ({
              level,
              reference: profile.quantiles[String(level)] ?? Number.NaN,
              current: current[String(level)],
            }));
          })()
        : null;
    const newCategories =
      profile.kind === 'categorical' && seen.kind === 'categorical'
        ? Object.entries(seen.counts)
            .filter(([category]) => !Object.hasOwn(profile.frequencies, category))
            .map(([category, count]) => ({ category, count }))
            .sort((a, b) => b.count - a.count || (a.category < b.category ? -1 : 1))
            .slice(0, 20)
        : [];
    const share = (missing: number, count: number) => (missing + count ? missing / (missing + count) : 0);
    details.push({
      column: drift.column,
      kind: drift.kind,
      drift,
      drift_score: driftScore(drift),
      distribution: distributions.get(drift.column) ?? null,
      quantiles,
      missing: { reference: share(profile.missing, profile.count), current: share(seen.missing, seen.count) },
      new_categories: newCategories,
    });
  }
  return details;
}
