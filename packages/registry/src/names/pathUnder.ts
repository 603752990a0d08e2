import { isAbsolute, resolve, sep } from 'node:path';
import { RegistryError } from '../errors';

/**
 * The one way the filesystem backends build a path: `root` joined with `segments`,
 * each of which must be a single, non-empty path component (no `/` or `\`, not `.`
 * or `..`, no NUL byte, not absolute). The joined path is then resolved and must lie
 * strictly inside the resolved `root`, so no name, id or file argument can reach a
 * file outside the store. Anything else is `RegistryError('bad-path')`.
 */
export function pathUnder(root: string, ...segments: readonly string[]): string {
  const base = resolve(root);
  for (const segment of segments) {
    const problem = segmentProblem(segment);
    if (problem) {
      throw new RegistryError(
        'bad-path',
        `path segment ${JSON.stringify(segment)} under ${base} is refused: ${problem}`,
      );
    }
  }
  const path = resolve(base, ...segments);
  if (segments.length > 0 && !path.startsWith(base.endsWith(sep) ? base : base + sep)) {
    throw new RegistryError('bad-path', `path ${JSON.stringify(path)} leaves ${base}: refused`);
  }
  return path;
}

function segmentProblem(segment: unknown): string | undefined {
  if (typeof segment !== 'string') return 'it is not a string';
  if (segment === '') return 'it is empty';
  if (segment.includes('\0')) return 'it holds a NUL byte';
  if (segment === '.' || segment === '..') return 'it points at a folder above or itself';
  if (/[/\\]/.test(segment)) return 'it holds a path separator';
  if (isAbsolute(segment)) return 'it is an absolute path';
  return undefined;
}
