import type { ChallengerComparison } from '../../challenger/compareRoles';
import type { UiLiveMetricsSource, UiRoleLiveMetrics } from '../uiChallengerTypes';
import { storedReportsNewestFirst } from './storedReports';

/** Live metrics per role and version (`champion\0<v>`), with the check they came from. */
export interface StoredRoleLiveMetrics {
  source: UiLiveMetricsSource;
  byRole: Map<string, UiRoleLiveMetrics>;
}

export const roleKey = (role: string, version: number): string => `${role}\0${version}`;

/**
 * The UI joins no labels (it has no labels file), but `monitor run --labels` stored each
 * role's metrics in its report's champion vs challenger section. This finds the newest
 * such check made under the same champion whose window overlaps the view's `window`, so a
 * panel never shows metrics of another champion's traffic nor of a stretch of time the user
 * did not select. Null when no check qualifies.
 */
export async function storedLiveMetrics(
  home: string,
  model: string,
  championVersion: number,
  window: { from: string; to: string },
): Promise<StoredRoleLiveMetrics | null> {
  for await (const { id, report } of storedReportsNewestFirst(home, model)) {
    const comparison = report.challenger;
    if (report.version !== championVersion || !comparison) continue;
    if (comparison.window.to < window.from || comparison.window.from > window.to) continue;
    const byRole = liveMetricsByRole(comparison);
    if (byRole.size === 0) continue;
    return {
      source: { report: id, generated_at: report.generated_at, window: { ...comparison.window } },
      byRole,
    };
  }
  return null;
}

function liveMetricsByRole(comparison: ChallengerComparison): Map<string, UiRoleLiveMetrics> {
  const byRole = new Map<string, UiRoleLiveMetrics>();
  for (const role of [comparison.champion, ...comparison.challengers]) {
    const live = role.live_metrics;
    if (!live || live.matched_labels === 0) continue;
    byRole.set(roleKey(role.role, role.version), {
      matched_labels: live.matched_labels,
      metrics: { ...live.metrics },
      registered: { ...live.registered },
      delta: { ...live.delta },
    });
  }
  return byRole;
}
