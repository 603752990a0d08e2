// Types only, with no import: the monitor's role comparison (RoleStatsFolder) and the web
// UI's browser client (uiChallengerTypes.ts) read the same shapes from here.

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
