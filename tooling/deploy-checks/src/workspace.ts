import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One workspace package, as far as an image needs it. */
export interface WorkspacePackage {
  name: string;
  /** Folder relative to the repo root, `/`-separated (`packages/features`). */
  dir: string;
  /** Workspace packages in `dependencies` (what a production install keeps). */
  dependencies: string[];
  /** Workspace packages in `devDependencies` (turbo prune and the build need them too). */
  devDependencies: string[];
  /** Has a `build` script: consumed from its build output, so it must be built in the image. */
  builds: boolean;
  /** Top folder of `main`/`exports["."]`, e.g. `dist`; undefined when it points at sources. */
  outputDir?: string;
  /** The `files` field, when the package has one (what `pnpm deploy` copies). */
  files?: string[];
}

interface Manifest {
  name?: string;
  main?: string;
  exports?: unknown;
  files?: string[];
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const FOLDERS = ['apps', 'packages', 'tooling'];

/** Reads every package under `apps/`, `packages/` and `tooling/` of the workspace at `root`. */
export function readWorkspace(root: string): Map<string, WorkspacePackage> {
  const packages = new Map<string, WorkspacePackage>();
  for (const folder of FOLDERS) {
    const base = join(root, folder);
    if (!existsSync(base)) continue;
    for (const entry of readdirSync(base, { withFileTypes: true })) {
      const manifestPath = join(base, entry.name, 'package.json');
      if (!entry.isDirectory() || !existsSync(manifestPath)) continue;
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
      if (!manifest.name) continue;
      const workspaceDeps = (deps: Record<string, string> = {}) =>
        Object.entries(deps)
          .filter(([, spec]) => spec.startsWith('workspace:'))
          .map(([name]) => name);
      packages.set(manifest.name, {
        name: manifest.name,
        dir: `${folder}/${entry.name}`,
        dependencies: workspaceDeps(manifest.dependencies),
        devDependencies: workspaceDeps(manifest.devDependencies),
        builds: Boolean(manifest.scripts?.build),
        outputDir: outputDir(manifest),
        files: manifest.files,
      });
    }
  }
  return packages;
}

function outputDir(manifest: Manifest): string | undefined {
  const exportsDot = (manifest.exports as Record<string, unknown> | undefined)?.['.'];
  const target =
    typeof manifest.exports === 'string'
      ? manifest.exports
      : typeof exportsDot === 'string'
        ? exportsDot
        : ((exportsDot as Record<string, string> | undefined)?.default ?? manifest.main);
  if (!target) return undefined;
  const top = target.replace(/^\.\//, '').split('/')[0];
  return top === 'src' || !target.includes('/') ? undefined : top;
}

/**
 * `name` and every workspace package it reaches through `dependencies` (and, with `dev`,
 * `devDependencies` too, as turbo prune and `--filter=name...` do), in discovery order.
 */
export function closure(packages: Map<string, WorkspacePackage>, name: string, dev: boolean): string[] {
  const seen: string[] = [];
  const visit = (current: string) => {
    if (seen.includes(current)) return;
    seen.push(current);
    const pkg = packages.get(current);
    if (!pkg) return;
    for (const dep of dev ? [...pkg.dependencies, ...pkg.devDependencies] : pkg.dependencies) visit(dep);
  };
  visit(name);
  return seen;
}
