import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { checkBoundaries } from './checkBoundaries';

let root: string;

function write(path: string, content: string): void {
  const full = join(root, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, content);
}

function library(folder: string, name: string, deps: string[] = [], source = 'export const x = 1;\n'): void {
  const dependencies = Object.fromEntries(deps.map((d) => [d, 'workspace:*']));
  write(
    `${folder}/package.json`,
    JSON.stringify({ name, exports: { '.': './dist/index.js' }, dependencies }),
  );
  write(`${folder}/src/index.ts`, source);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'boundaries-'));
  library('packages/features', '@mlops/features');
  library('packages/models', '@mlops/models', ['@mlops/features'], "import { x } from '@mlops/features';\n");
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

test('accepts a workspace that follows the rules', () => {
  library('apps/api', '@mlops/api', ['@mlops/models'], "import { x } from '@mlops/models';\n");
  expect(checkBoundaries(root)).toEqual([]);
});

test('reports a dependency cycle between two libraries', () => {
  library('packages/features', '@mlops/features', ['@mlops/models'], "import { y } from '@mlops/models';\n");
  const rules = checkBoundaries(root).map((v) => v.rule);
  expect(rules).toContain('cycle');
  expect(checkBoundaries(root).find((v) => v.rule === 'cycle')?.message).toMatch(
    /@mlops\/features → @mlops\/models → @mlops\/features/,
  );
});

test('reports a library depending against the allowed direction', () => {
  library('packages/drift', '@mlops/drift', ['@mlops/models'], "import { x } from '@mlops/models';\n");
  const violation = checkBoundaries(root).find((v) => v.rule === 'forbidden-direction');
  expect(violation?.message).toMatch(/@mlops\/drift may not depend on @mlops\/models/);
});

test('reports a library that uses an app', () => {
  library('apps/api', '@mlops/api');
  library('packages/registry', '@mlops/registry', ['@mlops/api'], "import { x } from '@mlops/api';\n");
  expect(checkBoundaries(root).map((v) => v.rule)).toContain('library-imports-app');
});

test('reports a deep import into another package', () => {
  library('apps/api', '@mlops/api', ['@mlops/features'], "import { x } from '@mlops/features/src/table';\n");
  const violation = checkBoundaries(root).find((v) => v.rule === 'deep-import');
  expect(violation?.where).toBe(join('apps', 'api', 'src', 'index.ts:1'));
  expect(violation?.message).toMatch(/import from '@mlops\/features'/);
});

test('reports a relative import that leaves the package', () => {
  library('apps/api', '@mlops/api', [], "export { x } from '../../../packages/features/src/index';\n");
  expect(checkBoundaries(root).map((v) => v.rule)).toEqual(['relative-import-outside-package']);
});

test('reports an import of a workspace package that package.json does not declare', () => {
  library('apps/api', '@mlops/api', [], "const m = require('@mlops/models');\n");
  expect(checkBoundaries(root).map((v) => v.rule)).toEqual(['undeclared-workspace-import']);
});

test('finds the import graph cycle even when package.json hides it', () => {
  library('packages/features', '@mlops/features', [], "import('@mlops/models');\n");
  const rules = checkBoundaries(root).map((v) => v.rule);
  expect(rules).toEqual(expect.arrayContaining(['undeclared-workspace-import', 'cycle']));
});

test('the real workspace has no violations', () => {
  expect(checkBoundaries(resolve(__dirname, '../../..'))).toEqual([]);
});

test('reports files of one package that import each other, type-only imports included', () => {
  write('packages/features/src/a.ts', "import type { B } from './b';\nexport type A = { b?: B };\n");
  write('packages/features/src/b.ts', "import type { A } from './a';\nexport type B = { a?: A };\n");
  write('packages/features/src/c.ts', "import type { A } from './a';\nexport type C = A;\n");
  const cycles = checkBoundaries(root).filter((v) => v.rule === 'file-cycle');
  expect(cycles).toHaveLength(1);
  expect(cycles[0].message).toBe(
    'import cycle between files packages/features/src/a.ts → packages/features/src/b.ts → packages/features/src/a.ts: move what they share (often types) into a file of its own',
  );
  // The same files with the shared types in a file of their own: no cycle.
  write('packages/features/src/types.ts', 'export type A = { b?: B };\nexport type B = { a?: A };\n');
  write('packages/features/src/a.ts', "export type { A } from './types';\n");
  write('packages/features/src/b.ts', "export type { B } from './types';\n");
  expect(checkBoundaries(root)).toEqual([]);
});
