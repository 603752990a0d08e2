import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Tells whether a path of the build context is left out by `.dockerignore`. */
export type IgnoreMatcher = (path: string) => boolean;

/**
 * Reads `.dockerignore` at `root` (missing: nothing ignored). Supports what BuildKit does that
 * matters here: `*`, `**`, `?`, `!` exceptions (last match wins), and a match on a folder
 * ignoring everything under it.
 */
export function readDockerignore(root: string): IgnoreMatcher {
  const file = join(root, '.dockerignore');
  if (!existsSync(file)) return () => false;
  return dockerignoreMatcher(readFileSync(file, 'utf8'));
}

/** The matcher of `.dockerignore` text. */
export function dockerignoreMatcher(text: string): IgnoreMatcher {
  const rules = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const negate = line.startsWith('!');
      const pattern = (negate ? line.slice(1) : line).replace(/^\/+/, '').replace(/\/+$/, '');
      return { negate, regex: globToRegex(pattern) };
    });
  return (path) => {
    const clean = path.replace(/^\.\/+/, '').replace(/\/+$/, '');
    let ignored = false;
    for (const rule of rules) {
      if (rule.regex.test(clean)) ignored = !rule.negate;
    }
    return ignored;
  };
}

function globToRegex(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      // `**/` matches zero or more folders; a trailing `**` anything.
      source += pattern[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += pattern[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  // A pattern naming a folder also ignores what is under it.
  return new RegExp(`^${source}(?:/.*)?$`);
}
