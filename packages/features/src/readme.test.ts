import { join } from 'node:path';
import { readmeSnippets, runSnippet } from '@mlops/readme-snippets';

const packageDir = join(__dirname, '..');
const snippets = readmeSnippets(join(packageDir, 'README.md'));

test('the README has code to run', () => {
  expect(snippets.length).toBeGreaterThan(0);
});

test.each(snippets.map((snippet) => [snippet.line, snippet] as const))(
  'the README snippet at line %i runs as written',
  (_line, snippet) => {
    const run = runSnippet(snippet, packageDir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  },
);
