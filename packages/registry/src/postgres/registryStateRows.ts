import type { AuditEntry, ModelState } from '../versions/ModelState';
import type { Queryable } from './Database';

/** Inserts one audit row of model `modelId` (in the transaction of its move). */
export async function insertAudit(tx: Queryable, modelId: number, entry: AuditEntry): Promise<void> {
  await tx.query(
    `INSERT INTO audit (model_id, time, actor, action, alias, from_version, to_version, reason, forced, gate, route)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      modelId,
      entry.time,
      entry.actor,
      entry.action,
      entry.alias,
      entry.from,
      entry.to,
      entry.reason,
      entry.forced,
      entry.gate === undefined ? null : JSON.stringify(entry.gate),
      entry.route === undefined ? null : JSON.stringify(entry.route),
    ],
  );
}

/**
 * Writes the difference between `before` (as read under the model's row lock) and
 * `after`: only aliases that moved are touched (their `moved_at` stays true), and the
 * production history keeps its common prefix, as a push or a pop changes only its end.
 */
export async function writeState(
  tx: Queryable,
  modelId: number,
  before: ModelState,
  after: ModelState,
): Promise<void> {
  const removed = Object.keys(before.aliases).filter((alias) => !Object.hasOwn(after.aliases, alias));
  if (removed.length > 0) {
    await tx.query('DELETE FROM aliases WHERE model_id = $1 AND alias = ANY($2::text[])', [modelId, removed]);
  }
  const moved = Object.entries(after.aliases).filter(([alias, version]) => before.aliases[alias] !== version);
  if (moved.length > 0) {
    await tx.query(
      `INSERT INTO aliases (model_id, alias, version)
       SELECT $1, alias, version FROM unnest($2::text[], $3::int[]) AS moved (alias, version)
       ON CONFLICT (model_id, alias) DO UPDATE SET version = excluded.version, moved_at = now()`,
      [modelId, moved.map(([alias]) => alias), moved.map(([, version]) => version)],
    );
  }
  await writeHistory(tx, modelId, before.productionHistory, after.productionHistory);
  const archived = (after.archived ?? []).filter((version) => !(before.archived ?? []).includes(version));
  if (archived.length > 0) {
    await tx.query(
      `UPDATE versions SET archived_at = now()
       WHERE model_id = $1 AND version = ANY($2::int[]) AND archived_at IS NULL`,
      [modelId, archived],
    );
  }
  if (
    (after.route?.mode ?? null) !== (before.route?.mode ?? null) ||
    (after.route?.weight ?? null) !== (before.route?.weight ?? null)
  ) {
    await tx.query('UPDATE models SET route_mode = $2, route_weight = $3 WHERE id = $1', [
      modelId,
      after.route?.mode ?? null,
      after.route?.weight ?? null,
    ]);
  }
  if ((after.gate ?? null) !== (before.gate ?? null)) {
    await tx.query('UPDATE models SET gate = $2 WHERE id = $1', [modelId, after.gate ?? null]);
  }
}

async function writeHistory(
  tx: Queryable,
  modelId: number,
  before: number[],
  after: number[],
): Promise<void> {
  let kept = 0;
  while (kept < before.length && kept < after.length && before[kept] === after[kept]) kept += 1;
  if (kept < before.length) {
    await tx.query(
      `DELETE FROM production_history WHERE id IN (
         SELECT id FROM production_history WHERE model_id = $1 ORDER BY id OFFSET $2)`,
      [modelId, kept],
    );
  }
  // One row at a time (a move adds one): the identity then orders them as the history is.
  for (const version of after.slice(kept)) {
    await tx.query('INSERT INTO production_history (model_id, version) VALUES ($1, $2)', [modelId, version]);
  }
}
