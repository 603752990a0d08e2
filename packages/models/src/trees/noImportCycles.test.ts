import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The boundaries checker looks at packages only; this keeps the files of trees/ acyclic too,
// counting type-only imports (`import type`, `export type … from`) as imports.

/** Each file's imports of its neighbours in `dir` (`./name`, without extension). */
function siblingImports(dir: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.ts'))) {
    const text = readFileSync(join(dir, file), 'utf8');
    const targets = [...text.matchAll(/\bfrom\s+'\.\/([^'/]+)'|\bimport\(\s*'\.\/([^'/]+)'\s*\)/g)];
    graph.set(
      file.replace(/\.ts$/, ''),
      targets.map((m) => m[1] ?? m[2]),
    );
  }
  return graph;
}

/** One import cycle as a path `a → b → … → a`, or null when there is none. */
function findCycle(graph: Map<string, string[]>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done' || !graph.has(node)) return null;
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node)!) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

test('the cycle finder reports a cycle and accepts a chain', () => {
  expect(
    findCycle(
      new Map([
        ['a', ['b']],
        ['b', ['c']],
        ['c', ['a']],
      ]),
    ),
  ).toEqual(['a', 'b', 'c', 'a']);
  expect(
    findCycle(
      new Map([
        ['a', ['b']],
        ['b', ['c']],
        ['c', []],
      ]),
    ),
  ).toBeNull();
});

test('no file in trees/ imports a file that imports it back, even for types', () => {
  const graph = siblingImports(__dirname);
  expect(graph.get('TreeGrower')).toEqual(expect.arrayContaining(['SplitFinder', 'treeTypes']));
  expect(findCycle(graph)).toBeNull();
});
