/**
 * Where the registry keeps its data. The embedded default is a folder
 * ({@link FileSystemStore}); a database or object store implements the same
 * interface, and no caller changes.
 */
export interface RegistryStore {
  /** Names of the models that have at least one version. */
  listModels(): Promise<string[]>;
  /** The model's version numbers, ascending. */
  listVersions(model: string): Promise<number[]>;
  /**
   * Stores a new version's files under the next free version number and returns
   * it. Atomic: readers see all of the version or none of it, and concurrent
   * callers never get the same number nor leave a gap.
   */
  createVersion(model: string, files: Readonly<Record<string, string | Uint8Array>>): Promise<number>;
  /** A text file of a stored version; `undefined` when the version or file does not exist. */
  readVersionFile(model: string, version: number, file: string): Promise<string | undefined>;
  /** A binary file of a stored version (e.g. its test rows as Arrow); `undefined` when absent. */
  readVersionBytes(model: string, version: number, file: string): Promise<Uint8Array | undefined>;
  /** A model-level document (e.g. its aliases); `undefined` when absent. */
  readModelFile(model: string, file: string): Promise<string | undefined>;
  /** Replaces a model-level document atomically. */
  writeModelFile(model: string, file: string, content: string): Promise<void>;
  /** Appends one line to a model-level log (e.g. the audit log). */
  appendModelLog(model: string, file: string, line: string): Promise<void>;
  /** Runs `task` while holding the model's exclusive lock (across processes). */
  withModelLock<T>(model: string, task: () => Promise<T>): Promise<T>;
  /** A cheap token that changes whenever the model-level document changes (for polling watchers). */
  modelFileStamp(model: string, file: string): Promise<string | undefined>;
}
