import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Where the store lives when `MLOPS_HOME` is not set: `.mlops` at the root of the
 * workspace holding `fromDir` (git-ignored), so every app and command started from
 * anywhere in the repo shares one store. Outside a workspace: `.mlops` in `fromDir`.
 */
export function defaultHome(fromDir: string): string {
  let dir = resolve(fromDir);
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return join(dir, '.mlops');
    const parent = dirname(dir);
    if (parent === dir) return join(resolve(fromDir), '.mlops');
    dir = parent;
  }
}
