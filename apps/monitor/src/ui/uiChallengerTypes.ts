// The JSON of the monitoring view's champion vs challenger panel: types only, read by the
// browser client, and built by the server from `compareRoles` (src/challenger): the roles'
// shapes are its own (roleSummaryTypes), plus what the panel adds.
import type { ChallengerSummary, RoleSummary } from '../challenger/roleSummaryTypes';
import type { UiTimeWindow } from './uiTypes';

/**
 * Metrics of a role on labelled traffic, as the newest `monitor run --labels` check under the
 * same champion stored them (the UI joins no labels itself): `live_metrics_source` names it.
 */
export interface UiRoleLiveMetrics {
  matched_labels: number;
  metrics: Record<string, number>;
  /** The version's test metrics at registration. */
  registered: Record<string, number>;
  /** live − registered, per metric both have. */
  delta: Record<string, number>;
}

/** The stored check whose labelled metrics the panel shows. */
export interface UiLiveMetricsSource {
  /** Its folder under `<home>/reports/<model>/`. */
  report: string;
  generated_at: string;
  /** The window its labels were joined on (which may differ from the view's). */
  window: { from: string; to: string };
}

/** One role (champion, canary, shadow) of one version in the window. */
export interface UiRoleSummary extends RoleSummary {
  live_metrics: UiRoleLiveMetrics | null;
  /**
   * Records of this role ÷ requests answered in the window (champion + canaries): the
   * champion's and canaries' split of the traffic; for a shadow, the share of answered
   * requests it also scored.
   */
  traffic_share: number;
}

/** A canary or shadow beside the champion: PSI and Jensen–Shannon against it, and a shadow's agreement on the same requests. */
export interface UiChallengerSummary
  extends UiRoleSummary,
    Pick<ChallengerSummary, 'distribution' | 'agreement'> {}

/** `compareRoles` of the window, each role with its share of the traffic. */
export interface UiChallengerComparison {
  window: { from: string; to: string };
  champion: UiRoleSummary;
  challengers: UiChallengerSummary[];
}

/** `GET /api/ui/models/:name/challenger?range=` (or `from=&to=`): champion vs challengers over the window. */
export interface UiChallengerResponse {
  model: string;
  window: UiTimeWindow;
  /** The production version (the champion's records), or null when none is in production. */
  champion_version: number | null;
  /** Null when the window holds no canary or shadow record (or no production version): `reason` says which. */
  challenger: UiChallengerComparison | null;
  reason: string | null;
  /**
   * The newest `monitor run --labels` check under this champion whose window overlaps the
   * view's, which the roles' `live_metrics` come from; null when there is none.
   */
  live_metrics_source: UiLiveMetricsSource | null;
}
