import { type ModelRegistry, type PredictionLogWindows, storeLayout } from '@mlops/registry';
import { type ChallengerComparison, compareRoles } from '../../challenger/compareRoles';
import type { UiChallengerComparison, UiChallengerResponse } from '../uiChallengerTypes';
import { requireUiModel } from '../uiModels';
import { timeWindow, wholeLog } from './logWindow';
import { roleKey, type StoredRoleLiveMetrics, storedLiveMetrics } from './storedLiveMetrics';
import { timeQueryOf, versionChoices } from './uiQuery';

/**
 * `GET /api/ui/models/:name/challenger?range=` (or `from=&to=`, parsed as the other
 * monitoring routes parse them): champion vs challengers on the window, as `monitor run`'s
 * report compares them (`compareRoles`: every record of the window streamed once from the
 * segment files or PostgreSQL's `readWindow`, bounded memory): per role and version the
 * count, its share of the traffic, class shares or value quantiles, latency percentiles,
 * the probability histogram; a shadow's agreement on the very same requests; PSI and
 * Jensen–Shannon of each challenger against the champion. The champion is the production
 * version. No labels are joined here (the UI has no labels file): each role's
 * `live_metrics` come from the newest stored `monitor run --labels` check under the same
 * champion whose window overlaps this one (`storedLiveMetrics`, named by
 * `live_metrics_source`), else they are null. `challenger` is null,
 * with the `reason`, when there is no production version or no challenger traffic.
 */
export async function uiChallenger(
  registry: ModelRegistry,
  home: string,
  name: string,
  params: URLSearchParams,
  /** The store's prediction log (`openStores`' `predictionLog`). @default the segment files under `home` */
  log?: PredictionLogWindows,
): Promise<UiChallengerResponse> {
  await requireUiModel(registry, name);
  const query = timeQueryOf(params);
  const production = (await versionChoices(registry, name)).find((v) => v.production)?.version ?? null;
  // A preset ends at the newest logged prediction (the whole log's fold); a custom range has its own ends.
  const whole = query.range === 'custom' ? null : await wholeLog(home, name, log);
  const window = timeWindow(query, whole?.first ?? null, whole?.last ?? null);
  const none = (reason: string): UiChallengerResponse => ({
    model: name,
    window,
    champion_version: production,
    challenger: null,
    reason,
    live_metrics_source: null,
  });
  if (production === null)
    return none(`no version of ${name} is in production: promote one to compare it with its challengers`);
  if (window.from === null || window.to === null || whole?.rows === 0)
    return none(`no logged prediction of ${name} in this window`);
  const comparison = await compareRoles({
    dir: storeLayout(home).predictions,
    model: name,
    championVersion: production,
    from: window.from,
    to: window.to,
    model_document: await registry.readModelDocument(name, production),
    log,
  });
  if (!comparison) return none('no canary or shadow record in this window');
  const live = await storedLiveMetrics(home, name, production, comparison.window);
  const withShares = withTrafficShares(comparison);
  return {
    ...none(''),
    challenger: live ? withLiveMetrics(withShares, live) : withShares,
    reason: null,
    live_metrics_source: live?.source ?? null,
  };
}

/** Each role's live metrics from the stored check; a role it did not see (or label) keeps null. */
function withLiveMetrics(
  comparison: UiChallengerComparison,
  live: StoredRoleLiveMetrics,
): UiChallengerComparison {
  const of = (role: string, version: number) => live.byRole.get(roleKey(role, version)) ?? null;
  return {
    ...comparison,
    champion: { ...comparison.champion, live_metrics: of('champion', comparison.champion.version) },
    challengers: comparison.challengers.map((c) => ({ ...c, live_metrics: of(c.role, c.version) })),
  };
}

/** Each role's records ÷ the requests answered in the window (the champion's and the canaries'). */
function withTrafficShares(comparison: ChallengerComparison): UiChallengerComparison {
  const answered =
    comparison.champion.count +
    comparison.challengers.filter((c) => c.role === 'canary').reduce((sum, c) => sum + c.count, 0);
  const share = (count: number) => (answered ? count / answered : 0);
  return {
    window: comparison.window,
    champion: { ...comparison.champion, traffic_share: share(comparison.champion.count) },
    challengers: comparison.challengers.map((c) => ({ ...c, traffic_share: share(c.count) })),
  };
}
