// Types only, with no import: the monitor's role comparison (RoleComparisonFolder,
// RoleStatsFolder, ShadowPairs) and the web UI's browser client (uiChallengerTypes.ts) read
// the same shapes from here.

/** Latency percentiles of one role, in milliseconds (from a KLL sketch: about 1 % rank error). */
export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** The predictions of one role: class shares (classification) or value quantiles (regression). */
export type PredictionSummary =
  | { kind: 'classes'; counts: Record<string, number>; shares: Record<string, number> }
  | {
      kind: 'values';
      mean: number;
      quantiles: { p05: number; p25: number; p50: number; p75: number; p95: number };
    };

/**
 * Who logged a record: `PredictionRole` of @mlops/registry, spelled here so the browser
 * client needs no package (RoleComparisonFolder assigns the registry's to it, so the build
 * checks they agree).
 */
export type RoleName = 'champion' | 'canary' | 'shadow';

/** One role's traffic in the window. */
export interface RoleSummary {
  role: RoleName;
  version: number;
  count: number;
  first: string | null;
  last: string | null;
  latency_ms: LatencySummary | null;
  predictions: PredictionSummary;
  /** Shares of P(predicted class) in ten equal bins of [0, 1], or null when none was logged. */
  probability_shares: number[] | null;
}

/** How a challenger's predictions compare with the champion's distribution (requests differ for a canary). */
export interface DistributionComparison {
  /** PSI on the class counts (classification) or on the champion's deciles (regression). */
  psi: number;
  /** Jensen–Shannon distance (natural log, as SciPy's default) on the same bins. */
  jensen_shannon: number;
  /** What was binned. */
  bins: 'classes' | 'champion deciles';
}

/** Agreement of a shadow with the champion on the very same requests. */
export interface ShadowAgreement {
  /** Requests answered by the champion and scored by the shadow, both in the window. */
  pairs: number;
  /** Classification: share of pairs with the same class. Regression: share within `tolerance`. */
  agreement_rate: number | null;
  /** Regression: mean |champion − shadow| over the pairs. */
  mean_abs_difference: number | null;
  /** Regression: pairs agree when |champion − shadow| ≤ tolerance × max(1, |champion|). */
  tolerance: number | null;
  /** Shadow records whose champion record was not found (outside the window, or evicted). */
  unpaired_shadow: number;
  /** Unpaired records dropped from the bounded map to keep memory flat. */
  evicted: number;
}

/** A challenger (canary or shadow) beside the champion. */
export interface ChallengerSummary extends RoleSummary {
  distribution: DistributionComparison | null;
  /** Shadows only: agreement on the very same requests. Canaries answer other requests: null. */
  agreement: ShadowAgreement | null;
}
