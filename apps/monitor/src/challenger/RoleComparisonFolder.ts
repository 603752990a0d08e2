import { jensenShannonDistance, populationStabilityIndex } from '@mlops/drift';
import { type PredictionRecord, type PredictionRole, predictionRole } from '@mlops/registry';
import { RoleStatsFolder } from './RoleStatsFolder';
import type { ChallengerSummary, DistributionComparison, RoleSummary } from './roleSummaryTypes';
import { ShadowPairs } from './ShadowPairs';

export type { ChallengerSummary, DistributionComparison, RoleSummary };

/** What {@link RoleComparisonFolder.finish} gives: the champion and each challenger. */
export interface RoleFold {
  champion: RoleSummary;
  challengers: ChallengerSummary[];
}

/**
 * Folds a window's records by role (champion of `championVersion`, and each canary or
 * shadow version) with bounded memory ({@link RoleStatsFolder} per role, {@link ShadowPairs}
 * per shadow version). Champion records of other versions (before a promotion) are ignored.
 */
export class RoleComparisonFolder {
  private readonly champion: RoleStatsFolder;
  private readonly challengers = new Map<
    string,
    { role: PredictionRole; version: number; stats: RoleStatsFolder }
  >();
  private readonly pairs: ShadowPairs;

  constructor(
    private readonly championVersion: number,
    private readonly classification: boolean,
    tolerance = 0.05,
  ) {
    this.champion = new RoleStatsFolder(classification);
    this.pairs = new ShadowPairs(classification, tolerance);
  }

  /** Whether any canary or shadow record was folded. */
  get hasChallengers(): boolean {
    return this.challengers.size > 0;
  }

  add(record: PredictionRecord): void {
    const role = predictionRole(record);
    if (role === 'champion') {
      if (record.model_version !== this.championVersion) return;
      this.champion.add(record);
      this.pairs.addChampion(record);
      return;
    }
    const key = `${role}\0${record.model_version}`;
    let group = this.challengers.get(key);
    if (!group) {
      group = { role, version: record.model_version, stats: new RoleStatsFolder(this.classification) };
      this.challengers.set(key, group);
    }
    group.stats.add(record);
    if (role === 'shadow') this.pairs.addShadow(record);
  }

  finish(): RoleFold {
    const champion = summary('champion', this.championVersion, this.champion);
    const challengers = [...this.challengers.values()]
      .sort((a, b) => (a.role < b.role ? -1 : a.role > b.role ? 1 : a.version - b.version))
      .map(({ role, version, stats }) => ({
        ...summary(role, version, stats),
        distribution: compareDistributions(this.champion, stats),
        agreement: role === 'shadow' ? this.pairs.finish(version) : null,
      }));
    return { champion, challengers };
  }
}

function summary(role: PredictionRole, version: number, stats: RoleStatsFolder): RoleSummary {
  return {
    role,
    version,
    count: stats.count,
    first: stats.first,
    last: stats.last,
    latency_ms: stats.latencySummary(),
    predictions: stats.predictionSummary(),
    probability_shares: stats.probabilityShares(),
  };
}

/** Champion against challenger counts on shared bins: the union of classes, or the champion's deciles. */
function compareDistributions(
  champion: RoleStatsFolder,
  challenger: RoleStatsFolder,
): DistributionComparison | null {
  if (champion.count === 0 || challenger.count === 0) return null;
  let a: number[];
  let b: number[];
  if (champion.classification) {
    const classes = [...new Set([...champion.classes.keys(), ...challenger.classes.keys()])].sort();
    a = classes.map((c) => champion.classes.get(c) ?? 0);
    b = classes.map((c) => challenger.classes.get(c) ?? 0);
  } else {
    if (champion.values.count === 0 || challenger.values.count === 0) return null;
    // Inner edges at the champion's deciles; the challenger's counts per bin are read off its
    // sketch at 200 levels (each level stands for 0.5 % of its values).
    const edges = [...new Set(Array.from({ length: 9 }, (_, i) => champion.values.quantile((i + 1) / 10)))];
    const binOf = (v: number) => {
      let i = 0;
      while (i < edges.length && v > edges[i]) i += 1;
      return i;
    };
    a = new Array(edges.length + 1).fill(0);
    b = new Array(edges.length + 1).fill(0);
    for (let i = 0; i < 200; i += 1) {
      const level = (i + 0.5) / 200;
      a[binOf(champion.values.quantile(level))] += 1;
      b[binOf(challenger.values.quantile(level))] += 1;
    }
  }
  if (a.length < 2)
    return { psi: 0, jensen_shannon: 0, bins: champion.classification ? 'classes' : 'champion deciles' };
  return {
    psi: populationStabilityIndex(a, b),
    jensen_shannon: jensenShannonDistance(a, b),
    bins: champion.classification ? 'classes' : 'champion deciles',
  };
}
