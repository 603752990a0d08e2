import { RegistryError } from '../errors';
import type { RegistryReader } from '../storage/RegistryStore';
import type { AuditEntry, ChallengerRoute, ModelState } from '../versions/ModelState';
import type { ArtifactStore } from './ArtifactStore';
import type { Queryable } from './Database';

/** The file of a version that holds its metadata: also copied into the `record` of its `versions` row. */
export const VERSION_FILE = 'version.json';

interface AuditRow {
  time: Date;
  actor: string;
  model: string;
  action: AuditEntry['action'];
  alias: string;
  from_version: number | null;
  to_version: number | null;
  reason: string;
  forced: boolean;
  gate: AuditEntry['gate'] | null;
  route: AuditEntry['route'] | null;
}

/**
 * The registry's reads on the tables of migrations 1 and 3 (routes), over a database or over one
 * transaction (what a move reads while it holds the model's row). Every value is bound.
 */
export class PostgresRegistryReader implements RegistryReader {
  constructor(
    protected readonly db: Queryable,
    protected readonly artifacts: ArtifactStore,
  ) {}

  async listModels(): Promise<string[]> {
    const { rows } = await this.db.query<{ name: string }>(
      `SELECT m.name FROM models m WHERE EXISTS (SELECT 1 FROM versions v WHERE v.model_id = m.id)
       ORDER BY m.name`,
    );
    return rows.map((row) => row.name);
  }

  async listVersions(model: string): Promise<number[]> {
    const { rows } = await this.db.query<{ version: number }>(
      `SELECT v.version FROM versions v JOIN models m ON m.id = v.model_id WHERE m.name = $1
       ORDER BY v.version`,
      [model],
    );
    return rows.map((row) => row.version);
  }

  async readVersionBytes(model: string, version: number, file: string): Promise<Uint8Array | undefined> {
    if (!Number.isSafeInteger(version) || version < 1) {
      throw new RegistryError(
        'bad-path',
        `version ${version} of '${model}' is not a version number (1, 2, …)`,
      );
    }
    return this.artifacts.get(this.db, { model, version, name: file });
  }

  async readState(model: string): Promise<ModelState> {
    const { rows } = await this.db.query<{
      gate: string | null;
      route_mode: ChallengerRoute['mode'] | null;
      route_weight: number | null;
      aliases: Record<string, number>;
      history: number[];
      archived: number[];
    }>(
      `SELECT m.gate, m.route_mode, m.route_weight,
         (SELECT coalesce(jsonb_object_agg(a.alias, a.version), '{}'::jsonb)
            FROM aliases a WHERE a.model_id = m.id) AS aliases,
         (SELECT coalesce(jsonb_agg(h.version ORDER BY h.id), '[]'::jsonb)
            FROM production_history h WHERE h.model_id = m.id) AS history,
         (SELECT coalesce(jsonb_agg(v.version ORDER BY v.version), '[]'::jsonb)
            FROM versions v WHERE v.model_id = m.id AND v.archived_at IS NOT NULL) AS archived
       FROM models m WHERE m.name = $1`,
      [model],
    );
    if (rows.length === 0) return { aliases: {}, productionHistory: [] };
    const [row] = rows;
    return {
      aliases: row.aliases,
      productionHistory: row.history,
      ...(row.archived.length > 0 ? { archived: row.archived } : {}),
      ...(row.gate !== null ? { gate: row.gate } : {}),
      ...(row.route_mode !== null && row.route_weight !== null
        ? { route: { mode: row.route_mode, weight: row.route_weight } }
        : {}),
    };
  }

  async readAudit(model: string): Promise<AuditEntry[]> {
    const { rows } = await this.db.query<AuditRow>(
      `SELECT a.time, a.actor, m.name AS model, a.action, a.alias, a.from_version, a.to_version,
              a.reason, a.forced, a.gate, a.route
       FROM audit a JOIN models m ON m.id = a.model_id WHERE m.name = $1 ORDER BY a.id`,
      [model],
    );
    return rows.map((row) => ({
      time: row.time.toISOString(),
      actor: row.actor,
      model: row.model,
      alias: row.alias,
      from: row.from_version,
      action: row.action,
      to: row.to_version,
      reason: row.reason,
      forced: row.forced,
      ...(row.gate !== null ? { gate: row.gate } : {}),
      ...(row.route !== null ? { route: row.route } : {}),
    }));
  }

  /**
   * The id of the model's newest audit row that moved something: every state change
   * writes exactly one, in its own transaction, and a refused move's row does not count.
   */
  async stateStamp(model: string): Promise<string | undefined> {
    const { rows } = await this.db.query<{ id: number | null }>(
      `SELECT max(a.id) AS id FROM audit a JOIN models m ON m.id = a.model_id
       WHERE m.name = $1 AND a.action <> 'promote-refused'`,
      [model],
    );
    const id = rows[0]?.id;
    return id === null || id === undefined ? undefined : `audit:${id}`;
  }
}
