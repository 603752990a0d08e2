import { createHash } from 'node:crypto';
import type { ColumnSpec } from '@mlops/features';
import type { SensitiveFieldMode } from '../config';

/** Options of {@link featureRedactor}. */
export interface RedactionOptions {
  /** @default 'drop' */
  mode?: SensitiveFieldMode;
  /** Secret prepended to hashed values, so a hash cannot be reversed by hashing guesses. */
  salt?: string;
}

/** Turns a request's features into what the prediction log may hold. */
export type FeatureRedactor = (
  record: Readonly<Record<string, number | string>>,
  features: readonly ColumnSpec[],
) => Record<string, number | string>;

/**
 * Builds the function that copies a request's features for the prediction log:
 * fields the schema marks `sensitive` are left out (`drop`) or replaced by
 * `sha256:<hex of salt + value>` (`hash`), which still lets the monitor count
 * distinct values and join on them without the value in clear.
 */
export function featureRedactor(options: RedactionOptions = {}): FeatureRedactor {
  const mode = options.mode ?? 'drop';
  if (mode === 'hash' && !options.salt) {
    throw new TypeError("featureRedactor: mode 'hash' needs a salt (MLOPS_HASH_SALT)");
  }
  const salt = options.salt ?? '';
  return (record, features) => {
    const out: Record<string, number | string> = {};
    for (const spec of features) {
      if (!spec.sensitive) out[spec.name] = record[spec.name];
      else if (mode === 'hash') {
        const digest = createHash('sha256').update(salt).update('\0').update(String(record[spec.name]));
        out[spec.name] = `sha256:${digest.digest('hex')}`;
      }
    }
    return out;
  };
}
