import { createHash } from 'node:crypto';
import { RegistryError } from '../errors';

/** The sha256 (hex) of a file's bytes; text is hashed as the UTF-8 the store writes. */
export function sha256(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

/** The checksum of every file of a new version, by file name. */
export function checksumsOf(files: Readonly<Record<string, string | Uint8Array>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(files)
      .map(([name, content]) => [name, sha256(content)] as const)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

/**
 * Checks `content` of `file` against the checksum recorded at registration. Versions
 * registered before checksums were recorded (`recorded` undefined) pass unchecked.
 * A mismatch, or a file the version never recorded, is `corrupt-version`.
 */
export function verifyChecksum(
  model: string,
  version: number,
  file: string,
  content: Uint8Array,
  recorded: Readonly<Record<string, string>> | undefined,
): void {
  if (recorded === undefined) return;
  const expected = Object.hasOwn(recorded, file) ? recorded[file] : undefined;
  if (expected === undefined) {
    throw new RegistryError(
      'corrupt-version',
      `${file} of '${model}' version ${version} has no recorded checksum: the file was added after registration; remove it or register a new version`,
    );
  }
  const found = sha256(content);
  if (found !== expected) {
    throw new RegistryError(
      'corrupt-version',
      `${file} of '${model}' version ${version} does not match its checksum (recorded sha256 ${expected}, found ${found}): the file was changed or damaged; restore it or register a new version`,
    );
  }
}

/** The `checksums` of a version's metadata, checked for shape: `undefined` for versions from before checksums. */
export function recordedChecksums(
  model: string,
  version: number,
  meta: unknown,
): Record<string, string> | undefined {
  const checksums = (meta as { checksums?: unknown } | null)?.checksums;
  if (checksums === undefined) return undefined;
  const valid =
    checksums !== null &&
    typeof checksums === 'object' &&
    !Array.isArray(checksums) &&
    Object.values(checksums).every((value) => typeof value === 'string' && /^[0-9a-f]{64}$/.test(value));
  if (!valid) {
    throw new RegistryError(
      'corrupt-version',
      `version.json of '${model}' version ${version} holds damaged checksums: restore the file or register a new version`,
    );
  }
  return checksums as Record<string, string>;
}
