import { join } from 'node:path';
import { readmeSnippets } from './readmeSnippets';
import { runSnippet } from './runSnippet';

/**
 * Declares the jest tests of a package's README: it has code, and each ts block
 * runs as written (type-checked, in a real node process, from the package's folder).
 */
export function describeReadme(packageDir: string): void {
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
}
