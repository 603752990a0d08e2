import type { AuditEntry, ModelState } from '../versions/ModelState';

/**
 * What the registry reads: versions and their files, and each model's state (aliases,
 * production history, archived versions, gate) and audit log. A {@link RegistryStore}
 * is one; inside {@link RegistryStore.updateState} the change is handed another, bound
 * to the move under way (PostgreSQL: its transaction), for what it must read meanwhile.
 */
export interface RegistryReader {
  /** Names of the models that have at least one version, in code-point order. */
  listModels(): Promise<string[]>;
  /** The model's version numbers, ascending; empty for a model with none. */
  listVersions(model: string): Promise<number[]>;
  /**
   * A file of a stored version as registered; `undefined` when the version or file does
   * not exist. A file the store finds damaged (checksum of its own, compression) is
   * `RegistryError('corrupt-version')` naming it.
   */
  readVersionBytes(model: string, version: number, file: string): Promise<Uint8Array | undefined>;
  /** The model's state; an empty state (no aliases, no history) when nothing was moved yet. */
  readState(model: string): Promise<ModelState>;
  /** Every audited move of the model, oldest first; empty when there is none. */
  readAudit(model: string): Promise<AuditEntry[]>;
  /**
   * A cheap token that changes whenever the model's state changes (for polling
   * watchers); `undefined` while its state was never written. A refused move, which
   * only writes its audit entry, leaves it as it was.
   */
  stateStamp(model: string): Promise<string | undefined>;
}

/** What one move writes: its audit entry, and the new state unless the move was refused. */
export interface StateUpdate {
  audit: AuditEntry;
  /** The state after the move; `undefined` for a refused move (audited, nothing moves). */
  state?: ModelState;
}

/**
 * Where the registry keeps its data. The embedded default is a folder
 * ({@link FileSystemStore}); PostgreSQL (`PostgresRegistryStore`) implements the same
 * interface, and no caller changes.
 */
export interface RegistryStore extends RegistryReader {
  /**
   * Stores a new version's files under the next free version number and returns
   * it. Atomic: readers see all of the version or none of it, and concurrent
   * callers never get the same number nor leave a gap. `version.json` holds the
   * version's metadata (a JSON object).
   */
  createVersion(model: string, files: Readonly<Record<string, string | Uint8Array>>): Promise<number>;
  /**
   * Applies one move of the model's state: `change` gets the state as it is now, with
   * every other move of the model kept out until this one is written (across
   * processes), and a reader for anything else it must look at meanwhile. The audit
   * entry and the new state it returns are written together: never a state change
   * without its audit entry. When `change` throws, nothing is written.
   */
  updateState(
    model: string,
    change: (state: ModelState, reader: RegistryReader) => Promise<StateUpdate>,
  ): Promise<void>;
}
