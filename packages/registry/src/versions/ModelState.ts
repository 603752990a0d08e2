/** The model-level document of aliases: where each points, and production's past. */
export interface ModelState {
  aliases: Record<string, number>;
  /** Versions that were production before the current one, oldest first (rollback pops it). */
  productionHistory: number[];
  /** Versions taken out of service: they can be read but never aliased again. */
  archived?: number[];
  /** The model's promotion gate, as written by `mlops models gate set` (e.g. `f1 >= 0.6, roc_auc > baseline`). */
  gate?: string;
}

import type { GateResult } from './VersionRecord';

/** One alias move, as the audit log records it. */
export interface AuditEntry {
  time: string;
  actor: string;
  model: string;
  action: 'promote' | 'promote-refused' | 'rollback' | 'set-alias' | 'remove-alias' | 'archive' | 'set-gate';
  alias: string;
  from: number | null;
  to: number | null;
  reason: string;
  forced: boolean;
  /** Promotions: the gate as evaluated at that moment, against the production of that moment. */
  gate?: GateResult;
}

export const emptyModelState = (): ModelState => ({ aliases: {}, productionHistory: [] });
