import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type PartKind, workspaceFolders } from './rules';

/** One package of the workspace, as its package.json describes it. */
export interface WorkspacePart {
  name: string;
  kind: PartKind;
  dir: string;
  /** Names of every dependency, dev dependency included. */
  dependencies: string[];
  /** Subpaths that `exports` opens, e.g. `.` and `./testing`. */
  exportedSubpaths: string[];
}

interface PackageJson {
  name?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  exports?: string | Record<string, unknown>;
}

/** Reads every package under `apps/`, `packages/` and `tooling/` of the workspace at `root`. */
export function readWorkspace(root: string): WorkspacePart[] {
  const parts: WorkspacePart[] = [];
  for (const [folder, kind] of Object.entries(workspaceFolders)) {
    const base = join(root, folder);
    if (!existsSync(base)) continue;
    for (const entry of readdirSync(base, { withFileTypes: true })) {
      const manifestPath = join(base, entry.name, 'package.json');
      if (!entry.isDirectory() || !existsSync(manifestPath)) continue;
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as PackageJson;
      if (!manifest.name) throw new Error(`${manifestPath} has no "name"`);
      parts.push({
        name: manifest.name,
        kind,
        dir: join(base, entry.name),
        dependencies: [
          ...Object.keys(manifest.dependencies ?? {}),
          ...Object.keys(manifest.devDependencies ?? {}),
        ],
        exportedSubpaths: exportedSubpaths(manifest.exports),
      });
    }
  }
  return parts.sort((a, b) => a.name.localeCompare(b.name));
}

function exportedSubpaths(exports: PackageJson['exports']): string[] {
  if (exports === undefined) return [];
  if (typeof exports === 'string') return ['.'];
  const keys = Object.keys(exports);
  // An exports object of conditions ("import", "default"…) opens only the root.
  return keys.every((key) => key.startsWith('.')) ? keys : ['.'];
}
