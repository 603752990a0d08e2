import type { DataTable } from '@mlops/features';
import type { Metrics } from '@mlops/models';
import { type PredictionLogWindows, type PredictionRecord, predictionRole } from '@mlops/registry';
import { joinLabels } from '../check/joinLabels';
import { type LiveMetrics, liveMetricsOfJoin, type ScoredModel } from '../check/liveMetrics';
import { streamStoreLog } from '../log/streamStoreLog';
import { type ChallengerSummary, RoleComparisonFolder, type RoleSummary } from './RoleComparisonFolder';

export type { ChallengerSummary, RoleSummary };

/** The report's "champion vs challenger" section. */
export interface ChallengerComparison {
  /** The champion's window: the comparison reads every record logged from `from` to `to`. */
  window: { from: string; to: string };
  champion: RoleSummary & { live_metrics: LiveMetrics | null };
  challengers: (ChallengerSummary & { live_metrics: LiveMetrics | null })[];
}

/** Options of {@link compareRoles}. */
export interface CompareRolesOptions {
  /** The log's root folder (`<MLOPS_HOME>/predictions`). */
  dir: string;
  model: string;
  /** The production version: the champion's records. */
  championVersion: number;
  /** The champion's window, first and last timestamps (the check's fold). */
  from: string;
  to: string;
  model_document: ScoredModel;
  /** The store's log (PostgreSQL streams `readWindow`); @default the segment files under `dir` */
  log?: PredictionLogWindows;
  /** Labels that arrived later: live metrics per role (the join holds the window's records of each role, as the check's join does). */
  labels?: DataTable;
  hashSalt?: string;
  /** Test metrics of a version at registration (live − registered). */
  registered?: (version: number) => Promise<Metrics>;
}

/**
 * Compares champion and challengers (canary, shadow) on the champion's window: streams
 * every record logged between its first and last timestamps through the monitor's
 * `streamStoreLog` (files or PostgreSQL, bounded memory) into a {@link RoleComparisonFolder}.
 * Null when the window holds no canary or shadow record.
 */
export async function compareRoles(options: CompareRolesOptions): Promise<ChallengerComparison | null> {
  const classification = options.model_document.task !== 'regression';
  const folder = new RoleComparisonFolder(options.championVersion, classification);
  const byRole = new Map<string, PredictionRecord[]>();
  await streamStoreLog({
    dir: options.dir,
    model: options.model,
    // Every version, no reference: a cheap fold; the records go to `visit`.
    config: { version: null, recent: 0 },
    since: new Date(options.from),
    // `to` is included (a logged time, or a custom range's end): the read stops just past it.
    until: new Date(Date.parse(options.to) + 1),
    cache: false,
    log: options.log,
    visit: (record) => {
      if (record.timestamp > options.to) return;
      folder.add(record);
      if (options.labels) {
        const role = predictionRole(record);
        if (role === 'champion' && record.model_version !== options.championVersion) return;
        const key = `${role}\0${record.model_version}`;
        const list = byRole.get(key) ?? [];
        list.push(record);
        byRole.set(key, list);
      }
    },
  });
  if (!folder.hasChallengers) return null;
  const fold = folder.finish();
  const live = async (summary: RoleSummary): Promise<LiveMetrics | null> => {
    if (!options.labels) return null;
    const records = (byRole.get(`${summary.role}\0${summary.version}`) ?? []).sort((a, b) =>
      a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0,
    );
    const joined = joinLabels(records, options.labels, options.model_document, {
      hashSalt: options.hashSalt,
    });
    return liveMetricsOfJoin(
      joined,
      options.model_document,
      (await options.registered?.(summary.version)) ?? {},
    );
  };
  return {
    window: { from: options.from, to: options.to },
    champion: { ...fold.champion, live_metrics: await live(fold.champion) },
    challengers: await Promise.all(
      fold.challengers.map(async (c) => ({ ...c, live_metrics: await live(c) })),
    ),
  };
}
