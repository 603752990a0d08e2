import { createHash } from 'node:crypto';

/**
 * The pseudonym a sensitive value is logged under: `sha256:<hex of salt + "\0" + value>`.
 * Equal values give equal hashes, so the monitor can count and join on them, and
 * the salt keeps anyone without it from hashing guesses to reverse them.
 */
export function hashSensitiveValue(salt: string, value: number | string): string {
  return `sha256:${createHash('sha256').update(salt).update('\0').update(String(value)).digest('hex')}`;
}
