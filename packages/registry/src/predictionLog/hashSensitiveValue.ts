import { createHash } from 'node:crypto';

/**
 * The pseudonym a sensitive value is logged under: `sha256:<hex of salt + "\0" + value>`.
 * Equal values give equal hashes, so the monitor can count and join on them, and
 * the salt keeps anyone without it from hashing guesses to reverse them. The API
 * writes it and the monitor hashes label keys with it: one definition for both ends.
 */
export function hashSensitiveValue(salt: string, value: number | string): string {
  return `sha256:${createHash('sha256').update(salt).update('\0').update(String(value)).digest('hex')}`;
}

/** Whether a logged value is such a pseudonym. */
export function isHashedValue(value: unknown): boolean {
  return typeof value === 'string' && /^sha256:[0-9a-f]{64}$/.test(value);
}
