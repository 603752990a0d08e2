import { copyFileSync, existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where the cache keeps the file whose sha256 is `hash`. */
export function cachePath(cacheDir: string, hash: string): string {
  return join(cacheDir, hash.slice(0, 2), hash);
}

/** Copies a stage output into the cache under its hash (once: the cache is content-addressed). */
export function cacheOutput(cacheDir: string, hash: string, source: string): void {
  const cached = cachePath(cacheDir, hash);
  if (existsSync(cached)) return;
  mkdirSync(dirname(cached), { recursive: true });
  copyFileSync(source, `${cached}.tmp`);
  renameSync(`${cached}.tmp`, cached);
}

/** Puts the cached file `hash` back at `target` (through a temporary name, like every write). */
export function restoreOutput(cacheDir: string, hash: string, target: string): void {
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(cachePath(cacheDir, hash), `${target}.restoring`);
  renameSync(`${target}.restoring`, target);
}
