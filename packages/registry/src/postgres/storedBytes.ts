import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { RegistryError } from '../errors';

const pack = promisify(gzip);
const unpack = promisify(gunzip);

/** A file as the database keeps it: compressed, with the sha256 and size of what was given. */
export interface StoredBytes {
  sha256: string;
  size: number;
  encoding: 'identity' | 'gzip';
  bytes: Uint8Array;
}

/** Compresses `content` (text as UTF-8) and records its checksum. */
export async function storeBytes(content: string | Uint8Array): Promise<StoredBytes> {
  const raw = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const packed = await pack(raw);
  // Data that does not shrink (already compressed) is kept as it is.
  const compressed = packed.length < raw.length;
  return {
    sha256: createHash('sha256').update(raw).digest('hex'),
    size: raw.length,
    encoding: compressed ? 'gzip' : 'identity',
    bytes: compressed ? packed : raw,
  };
}

/** The bytes as they were given, decompressed but not checked (see {@link loadBytes}). */
export async function unpackBytes(stored: StoredBytes): Promise<Buffer> {
  return stored.encoding === 'gzip' ? unpack(stored.bytes) : Buffer.from(stored.bytes);
}

/** The original bytes of a stored file, checked against its sha256; `what` names it in the error. */
export async function loadBytes(stored: StoredBytes, what: string): Promise<Uint8Array> {
  const raw = await unpackBytes(stored);
  const found = createHash('sha256').update(raw).digest('hex');
  if (found !== stored.sha256) {
    throw new RegistryError(
      'storage',
      `${what} does not match its checksum (recorded sha256 ${stored.sha256}, found ${found}): the row was changed or damaged; store the file again`,
    );
  }
  return new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
}
