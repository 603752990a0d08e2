/** The model-level document of aliases: where each points, and production's past. */
export interface ModelState {
  aliases: Record<string, number>;
  /** Versions that were production before the current one, oldest first (rollback pops it). */
  productionHistory: number[];
  /** Versions taken out of service: they can be read but never aliased again. */
  archived?: number[];
  /** The model's promotion gate, as written by `mlops models gate set` (e.g. `f1 >= 0.6, roc_auc > baseline`). */
  gate?: string;
  /**
   * How traffic reaches the `challenger` alias (`mlops models route`): set exactly when
   * `aliases.challenger` is. Never the production version, never an archived one.
   */
  route?: ChallengerRoute;
}

/** How the API sends traffic to a model's challenger. */
export interface ChallengerRoute {
  /** `shadow`: scores every request (or a share) off the response path, never answers; `canary`: answers a sticky share. */
  mode: 'shadow' | 'canary';
  /** Percent of requests (1-100): for a canary, those it answers; for a shadow, those it scores. */
  weight: number;
}

import type { GateResult } from './VersionRecord';

/** One alias move, as the audit log records it. */
export interface AuditEntry {
  time: string;
  actor: string;
  model: string;
  action:
    | 'promote'
    | 'promote-refused'
    | 'rollback'
    | 'set-alias'
    | 'remove-alias'
    | 'archive'
    | 'set-gate'
    | 'set-route'
    | 'clear-route'
    | 'rollback-canary';
  alias: string;
  from: number | null;
  to: number | null;
  reason: string;
  forced: boolean;
  /** Promotions: the gate as evaluated at that moment, against the production of that moment. */
  gate?: GateResult;
  /**
   * Route moves: the route set (`set-route`) or ended (`clear-route`, `rollback-canary`,
   * and a promotion or rollback that made the challenger production, or an archive of it).
   */
  route?: ChallengerRoute;
}

export const emptyModelState = (): ModelState => ({ aliases: {}, productionHistory: [] });
