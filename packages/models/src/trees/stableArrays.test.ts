import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { doubleArray, referenceArray } from './stableArrays';

// The elements kind is V8's, visible only through its natives syntax: asked of the built
// module (the test task builds `dist` first) in a child process with that flag.
const built = join(__dirname, '..', '..', 'dist', 'trees', 'stableArrays.js');

function kinds(expression: string): string {
  if (!existsSync(built))
    throw new Error(`${built} is missing: run \`pnpm --filter @mlops/models build\` first`);
  const script = `const { doubleArray, referenceArray } = require(${JSON.stringify(built)});
    const a = ${expression};
    console.log([%HasObjectElements(a), %HasDoubleElements(a), %HasSmiElements(a)].join(' '));`;
  return execFileSync(process.execPath, ['--allow-natives-syntax', '-e', script], {
    encoding: 'utf8',
  }).trim();
}

describe('stable arrays', () => {
  test('referenceArray is empty and holds references from the start', () => {
    expect(referenceArray()).toEqual([]);
    expect(kinds('referenceArray()')).toBe('true false false');
    // The kind it avoids: an empty literal starts with small integers.
    expect(kinds('[]')).toBe('false false true');
  });

  test('doubleArray holds n zeros as doubles', () => {
    expect(doubleArray(3)).toEqual([0, 0, 0]);
    expect(kinds('doubleArray(3)')).toBe('false true false');
    expect(kinds('new Array(3).fill(0)')).toBe('false false true');
  });
});
