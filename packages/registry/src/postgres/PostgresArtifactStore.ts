import { RegistryError } from '../errors';
import { verifyChecksum } from '../versions/versionChecksums';
import type { ArtifactKey, ArtifactStore } from './ArtifactStore';
import type { Queryable } from './Database';
import { type StoredBytes, storeBytes, unpackBytes } from './storedBytes';

const ARTIFACT_NAME = /^[A-Za-z0-9_.-]+$/;

/** Refuses a file name the `artifacts` table would not take (the rule of its CHECK), as `bad-path`. */
export function checkArtifactName(model: string, name: string): void {
  if (!ARTIFACT_NAME.test(name) || /^\.+$/.test(name)) {
    throw new RegistryError(
      'bad-path',
      `file name '${name}' of a version of '${model}' is not allowed: use letters, digits, '.', '-' or '_' (not only dots)`,
    );
  }
}

/**
 * Version files in the `artifacts` table of migration 1: gzip-compressed (kept as
 * they are when that does not shrink them) with the sha256 and size of the original
 * bytes, written in the registering transaction, checked on every read.
 */
export class PostgresArtifactStore implements ArtifactStore<StoredBytes> {
  prepare(content: string | Uint8Array): Promise<StoredBytes> {
    return storeBytes(content);
  }

  async put(tx: Queryable, key: ArtifactKey, artifact: StoredBytes): Promise<void> {
    checkArtifactName(key.model, key.name);
    const { rowCount } = await tx.query(
      `INSERT INTO artifacts (model_id, version, name, sha256, size, encoding, bytes)
       SELECT id, $2, $3, $4, $5, $6, $7 FROM models WHERE name = $1`,
      [key.model, key.version, key.name, artifact.sha256, artifact.size, artifact.encoding, artifact.bytes],
    );
    if (rowCount !== 1) {
      throw new RegistryError(
        'unknown-model',
        `no model named '${key.model}' to store ${key.name} of version ${key.version} under: create the version first`,
      );
    }
  }

  async get(db: Queryable, key: ArtifactKey): Promise<Uint8Array | undefined> {
    checkArtifactName(key.model, key.name);
    const { rows } = await db.query<StoredBytes>(
      `SELECT a.sha256, a.size, a.encoding, a.bytes FROM artifacts a JOIN models m ON m.id = a.model_id
       WHERE m.name = $1 AND a.version = $2 AND a.name = $3`,
      [key.model, key.version, key.name],
    );
    if (rows.length === 0) return undefined;
    let raw: Buffer;
    try {
      raw = await unpackBytes(rows[0]);
    } catch (error) {
      throw new RegistryError(
        'corrupt-version',
        `${key.name} of '${key.model}' version ${key.version} cannot be decompressed (${(error as Error).message}): the stored artifact is damaged; restore it or register a new version`,
        { cause: error },
      );
    }
    verifyChecksum(key.model, key.version, key.name, raw, { [key.name]: rows[0].sha256 });
    return new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
  }
}
