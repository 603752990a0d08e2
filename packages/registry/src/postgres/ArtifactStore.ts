import type { Queryable } from './Database';

/** Which file of which version an artifact is. */
export interface ArtifactKey {
  model: string;
  version: number;
  /** The file's name, e.g. `model.json` (letters, digits, `.`, `-`, `_`). */
  name: string;
}

/** An artifact made ready to store: the sha256 (hex) and size of its bytes as given. */
export interface PreparedArtifact {
  readonly sha256: string;
  readonly size: number;
}

/**
 * Where `PostgresRegistryStore` keeps the files of its versions (model document,
 * profile, metrics, test rows, reference sample), by model, version and name, each
 * with the sha256 of its bytes. `PostgresArtifactStore` keeps them in the database's
 * `artifacts` table; an object store can implement the same three steps later.
 *
 * Registering a version calls {@link prepare} for every file before its transaction
 * (the slow part: compressing, or uploading under the content's hash), then
 * {@link put} inside the transaction that allocates the version number, so a
 * registration that fails or is killed leaves no version and no number behind.
 */
export interface ArtifactStore<Prepared extends PreparedArtifact = PreparedArtifact> {
  /** Hashes (and compresses, or uploads) `content`, text as UTF-8; holds no lock of the registry. */
  prepare(content: string | Uint8Array): Promise<Prepared>;
  /** Records a prepared artifact under `key`, in `tx`, the transaction that creates the version. */
  put(tx: Queryable, key: ArtifactKey, artifact: Prepared): Promise<void>;
  /**
   * The artifact's bytes as they were given, checked against its sha256 on every read
   * (`RegistryError('corrupt-version')` naming the file when they do not match or cannot
   * be decoded); `undefined` when there is none under `key`. `db` is where to read
   * (a transaction, when the read is part of one).
   */
  get(db: Queryable, key: ArtifactKey): Promise<Uint8Array | undefined>;
}
