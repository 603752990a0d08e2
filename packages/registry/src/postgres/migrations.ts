import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One schema change: `migrations/NNNN_name.sql`, applied once, in order. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** sha256 of the SQL, recorded when applied: a migration edited after release is caught. */
  checksum: string;
}

const FILE = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/**
 * The migrations this code knows, read from the `migrations` folder beside this module
 * (copied into `dist` by the build). This module is their one owner: a new schema change
 * is a new file with the next number, never an edit of a released one.
 */
export function loadMigrations(dir = join(__dirname, 'migrations')): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file, index) => {
      const match = FILE.exec(file);
      if (!match) throw new Error(`migration file '${file}' is not named NNNN_name.sql`);
      const version = Number(match[1]);
      // A gap or a duplicate would apply out of order on some databases.
      if (version !== index + 1) throw new Error(`migration '${file}' should be number ${index + 1}`);
      const sql = readFileSync(join(dir, file), 'utf8');
      return { version, name: match[2], sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
  if (migrations.length === 0) throw new Error(`no migrations in ${dir}`);
  return migrations;
}

/** Every migration of this code, in order. */
export const migrations: readonly Migration[] = loadMigrations();

/** The schema version this code writes and reads: the number of its latest migration. */
export const schemaVersion: number = migrations[migrations.length - 1].version;
