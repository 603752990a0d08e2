import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import writeFileAtomicPackage from 'write-file-atomic';

/**
 * Writes `data` to `path` through a temporary file in the same folder, fsynced and
 * renamed over the target: readers see the old file or the new one, never half of
 * one. Creates the folder when missing.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomicPackage(
    path,
    typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength),
  );
}

/** {@link writeFileAtomic} for a JSON value, pretty-printed with a final newline. */
export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}
