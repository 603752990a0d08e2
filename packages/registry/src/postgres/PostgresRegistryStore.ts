import { RegistryError } from '../errors';
import { checkModelName } from '../names/modelName';
import type { RegistryReader, RegistryStore, StateUpdate } from '../storage/RegistryStore';
import type { ModelState } from '../versions/ModelState';
import type { ArtifactStore, PreparedArtifact } from './ArtifactStore';
import type { Database, Queryable } from './Database';
import { checkArtifactName, PostgresArtifactStore } from './PostgresArtifactStore';
import { PostgresRegistryReader, VERSION_FILE } from './PostgresRegistryReader';
import { REGISTRY_CHANNEL } from './registryChannel';
import { insertAudit, writeState } from './registryStateRows';

/** Options of {@link PostgresRegistryStore}. */
export interface PostgresRegistryStoreOptions {
  /** Where version files go. @default a PostgresArtifactStore (the `artifacts` table) */
  artifacts?: ArtifactStore;
  /**
   * How long a move waits for another move of the same model before it gives up
   * (`lock-timeout`). @default 10000
   */
  lockTimeoutMs?: number;
}

/**
 * The registry in PostgreSQL (the tables of migration 1; run `migrate(db)` first),
 * the same contract as `FileSystemStore`. A registration is one transaction: the
 * version number from `UPDATE version_counters … RETURNING` (concurrent registrations
 * of a model queue on that row; never max+1), the `versions` row with the metadata
 * (`version.json`, as `record` for queries), and every file, `version.json` too so it
 * reads back byte for byte, through the {@link ArtifactStore}; a failed
 * or killed registration leaves no version and no gap. A move locks the model's row,
 * reads the state in the same transaction, and writes it with its audit row there.
 */
export class PostgresRegistryStore extends PostgresRegistryReader implements RegistryStore {
  private readonly lockTimeoutMs: number;

  constructor(
    private readonly database: Database,
    options: PostgresRegistryStoreOptions = {},
  ) {
    super(database, options.artifacts ?? new PostgresArtifactStore());
    this.lockTimeoutMs = options.lockTimeoutMs ?? 10_000;
  }

  async createVersion(model: string, files: Readonly<Record<string, string | Uint8Array>>): Promise<number> {
    checkModelName(model);
    const record = parseRecord(model, files[VERSION_FILE]);
    const entries = Object.entries(files);
    for (const [name] of entries) checkArtifactName(model, name);
    // Compression runs before the transaction, so it holds the counter row only to write.
    const prepared = await Promise.all(
      entries.map(
        async ([name, content]): Promise<[string, PreparedArtifact]> => [
          name,
          await this.artifacts.prepare(content),
        ],
      ),
    );
    try {
      return await this.database.transaction(async (tx) => {
        const modelId = await ensureModel(tx, model);
        const { rows } = await tx.query<{ last_version: number }>(
          `UPDATE version_counters SET last_version = last_version + 1 WHERE model_id = $1
           RETURNING last_version`,
          [modelId],
        );
        const version = rows[0].last_version;
        await tx.query('INSERT INTO versions (model_id, version, record) VALUES ($1, $2, $3)', [
          modelId,
          version,
          record,
        ]);
        for (const [name, artifact] of prepared)
          await this.artifacts.put(tx, { model, version, name }, artifact);
        await notifyChange(tx, model);
        return version;
      });
    } catch (error) {
      throw new RegistryError(
        'storage',
        `cannot store a new version of '${model}': ${(error as Error).message}`,
        { cause: error },
      );
    }
  }

  async updateState(
    model: string,
    change: (state: ModelState, reader: RegistryReader) => Promise<StateUpdate>,
  ): Promise<void> {
    try {
      await this.database.transaction(async (tx) => {
        await tx.query("SELECT set_config('lock_timeout', $1, true)", [`${this.lockTimeoutMs}ms`]);
        // NO KEY UPDATE: moves of one model exclude each other, while registrations,
        // whose new rows only reference the model (FOR KEY SHARE), go on meanwhile.
        const { rows } = await tx.query<{ id: number }>(
          'SELECT id FROM models WHERE name = $1 FOR NO KEY UPDATE',
          [model],
        );
        if (rows.length === 0) {
          throw new RegistryError(
            'unknown-model',
            `no model named '${model}' in the registry: register a version first`,
          );
        }
        const reader = new PostgresRegistryReader(tx, this.artifacts);
        const before = await reader.readState(model);
        const { audit, state } = await change(structuredClone(before), reader);
        await insertAudit(tx, rows[0].id, audit);
        if (state) {
          await writeState(tx, rows[0].id, before, state);
          await notifyChange(tx, model);
        }
      });
    } catch (error) {
      if ((error as { code?: unknown }).code === '55P03') {
        throw new RegistryError(
          'lock-timeout',
          `model '${model}' stayed locked by another move for ${this.lockTimeoutMs} ms: retry, or find the transaction holding it in pg_stat_activity`,
          { cause: error },
        );
      }
      throw error;
    }
  }
}

/**
 * Tells every `watchRegistry` listener that `model` changed. Sent inside the changing
 * transaction, so PostgreSQL delivers it on commit and never for a rolled-back change.
 */
async function notifyChange(tx: Queryable, model: string): Promise<void> {
  await tx.query('SELECT pg_notify($1, $2)', [REGISTRY_CHANNEL, model]);
}

/** The id of `model`, creating its row and counter on its first registration. */
async function ensureModel(tx: Queryable, model: string): Promise<number> {
  // A concurrent first registration waits here on the name's unique index until the
  // other commits (then finds its row) or rolls back (then inserts its own).
  await tx.query('INSERT INTO models (name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [model]);
  const { rows } = await tx.query<{ id: number }>('SELECT id FROM models WHERE name = $1', [model]);
  await tx.query('INSERT INTO version_counters (model_id) VALUES ($1) ON CONFLICT (model_id) DO NOTHING', [
    rows[0].id,
  ]);
  return rows[0].id;
}

/** `version.json` as the JSON text of the `versions` row's `record`. */
function parseRecord(model: string, content: string | Uint8Array | undefined): string {
  let record: unknown;
  try {
    record =
      content === undefined
        ? undefined
        : JSON.parse(typeof content === 'string' ? content : Buffer.from(content).toString('utf8'));
  } catch {
    record = undefined;
  }
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    throw new RegistryError(
      'storage',
      `a new version of '${model}' needs a ${VERSION_FILE} holding its metadata as a JSON object: register versions through ModelRegistry`,
    );
  }
  return JSON.stringify(record);
}
