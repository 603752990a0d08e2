import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readmeSnippets } from './readmeSnippets';
import { runSnippet } from './runSnippet';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'snippets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('finds the ts blocks with their lines, and leaves out no-run and other languages', () => {
  const readme = join(dir, 'README.md');
  writeFileSync(
    readme,
    '# x\n```ts\nconst a = 1;\n```\n```bash\nls\n```\n```ts no-run\nshape;\n```\n```typescript\nconst b = 2;\n```\n',
  );
  expect(readmeSnippets(readme)).toEqual([
    { line: 2, code: 'const a = 1;' },
    { line: 11, code: 'const b = 2;' },
  ]);
});

test('runs a snippet with top-level await in a real process, and reports a failure and a type error', () => {
  writeFileSync(join(dir, 'package.json'), '{"name":"x"}');
  const ok = runSnippet(
    {
      line: 1,
      code: "import { setTimeout } from 'node:timers/promises';\nawait setTimeout(1);\nconsole.log('done', process.cwd() !== '');",
    },
    dir,
  );
  expect(ok).toMatchObject({ status: 0, stdout: 'done true\n' });
  const thrown = runSnippet({ line: 1, code: "throw new Error('broken snippet');" }, dir);
  expect(thrown.status).toBe(1);
  expect(thrown.stderr).toMatch(/broken snippet/);
  // The fence is on README line 10: the snippet's second line is README line 12.
  const typo = runSnippet({ line: 10, code: 'const a = 1;\nconst n: number = "one";' }, dir);
  expect(typo.status).toBe(2);
  expect(typo.stderr).toMatch(/README line 12: Type 'string' is not assignable to type 'number'/);
});
