import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { findCycles } from './findCycles';
import { allowedLibraryDependencies } from './rules';
import { listSourceImports, type SourceImport } from './sourceImports';
import { readWorkspace, type WorkspacePart } from './workspace';

export type ViolationRule =
  | 'cycle'
  | 'file-cycle'
  | 'forbidden-direction'
  | 'library-imports-app'
  | 'deep-import'
  | 'relative-import-outside-package'
  | 'undeclared-workspace-import';

/** One broken rule, with where it is and how to fix it. */
export interface Violation {
  rule: ViolationRule;
  part: string;
  /** `path:line` relative to the workspace root, when the violation is in a file. */
  where?: string;
  message: string;
}

/** Checks the workspace at `root` against the dependency rules of ARCHITECTURE.md. */
export function checkBoundaries(root: string): Violation[] {
  const parts = readWorkspace(root);
  const byName = new Map(parts.map((part) => [part.name, part]));
  const violations: Violation[] = [];
  const graph = new Map<string, Set<string>>();

  for (const part of parts) {
    const internal = new Set(part.dependencies.filter((name) => byName.has(name)));
    graph.set(part.name, internal);
    for (const dependency of internal) {
      violations.push(...checkDirection(part, byName.get(dependency)!));
    }
    const srcDir = join(part.dir, 'src');
    // Tooling (configs, this checker) is outside the layering, and this checker's
    // own tests hold violating imports as string fixtures.
    if (part.kind === 'tooling' || !existsSync(srcDir)) continue;
    const imports = listSourceImports(srcDir);
    violations.push(...fileCycles(root, part, imports));
    for (const found of imports) {
      const where = `${relative(root, found.file)}:${found.line}`;
      const violation = checkImport(part, found.specifier, found.file, byName, where);
      if (violation) violations.push(violation);
      const target = workspaceTarget(found.specifier, byName);
      if (target && target.name !== part.name) graph.get(part.name)!.add(target.name);
    }
  }

  for (const cycle of findCycles(graph)) {
    violations.push({
      rule: 'cycle',
      part: cycle[0],
      message: `dependency cycle ${[...cycle, cycle[0]].join(' → ')}: remove one of these dependencies`,
    });
  }
  return violations;
}

/**
 * Import cycles between the files of one package, type-only imports included:
 * two files that import each other cannot be read, tested or moved one at a time.
 */
function fileCycles(root: string, part: WorkspacePart, imports: readonly SourceImport[]): Violation[] {
  const graph = new Map<string, Set<string>>();
  for (const found of imports) {
    if (!graph.has(found.file)) graph.set(found.file, new Set());
    if (!found.specifier.startsWith('.')) continue;
    const target = resolveSourceFile(dirname(found.file), found.specifier);
    if (target) graph.get(found.file)!.add(target);
  }
  return findCycles(graph).map((cycle) => {
    const names = cycle.map((file) => relative(root, file));
    return {
      rule: 'file-cycle' as const,
      part: part.name,
      where: names[0],
      message: `import cycle between files ${[...names, names[0]].join(' → ')}: move what they share (often types) into a file of its own`,
    };
  });
}

/** The `.ts` file a relative specifier names (`./x` → `./x.ts` or `./x/index.ts`), if it exists. */
function resolveSourceFile(fromDir: string, specifier: string): string | undefined {
  const base = resolve(fromDir, specifier);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) {
    if (existsSync(candidate) && candidate.endsWith('.ts')) return candidate;
  }
  return undefined;
}

function checkDirection(part: WorkspacePart, dependency: WorkspacePart): Violation[] {
  if (part.kind !== 'library') return [];
  if (dependency.kind === 'app') {
    return [
      {
        rule: 'library-imports-app',
        part: part.name,
        message: `${part.name} depends on the app ${dependency.name}: libraries never use apps; move the shared code into a library`,
      },
    ];
  }
  if (dependency.kind !== 'library') return [];
  const allowed = allowedLibraryDependencies[part.name] ?? [];
  if (allowed.includes(dependency.name)) return [];
  return [
    {
      rule: 'forbidden-direction',
      part: part.name,
      message: `${part.name} may not depend on ${dependency.name} (allowed: ${allowed.join(', ') || 'none'}); see ARCHITECTURE.md "Dependency direction"`,
    },
  ];
}

function checkImport(
  part: WorkspacePart,
  specifier: string,
  file: string,
  byName: Map<string, WorkspacePart>,
  where: string,
): Violation | undefined {
  if (specifier.startsWith('.')) {
    const target = resolve(file, '..', specifier);
    if (target === part.dir || target.startsWith(part.dir + sep)) return undefined;
    return {
      rule: 'relative-import-outside-package',
      part: part.name,
      where,
      message: `relative import '${specifier}' leaves ${part.name}: import the other package by its name`,
    };
  }
  const target = workspaceTarget(specifier, byName);
  if (!target || target.name === part.name) return undefined;
  const subpath = `.${specifier.slice(target.name.length)}`;
  if (!target.exportedSubpaths.includes(subpath)) {
    return {
      rule: 'deep-import',
      part: part.name,
      where,
      message: `'${specifier}' reaches inside ${target.name}, whose exports open only ${target.exportedSubpaths.join(', ') || 'nothing'}: import from '${target.name}'`,
    };
  }
  if (!part.dependencies.includes(target.name)) {
    return {
      rule: 'undeclared-workspace-import',
      part: part.name,
      where,
      message: `${part.name} imports ${target.name} without declaring it: add "${target.name}": "workspace:*" to its package.json`,
    };
  }
  return undefined;
}

function workspaceTarget(specifier: string, byName: Map<string, WorkspacePart>): WorkspacePart | undefined {
  const segments = specifier.split('/');
  const name = specifier.startsWith('@') ? segments.slice(0, 2).join('/') : segments[0];
  return byName.get(name);
}
