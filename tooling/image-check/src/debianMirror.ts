import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Debian mirror apt on this machine already uses for `suite` (the first `URIs:` of a
 * deb822 `.sources` file listing it, else the first matching `deb` line): image registries
 * may be unreachable, the mirror is not.
 */
export function debianMirror(suite: string, aptDir = '/etc/apt'): string | undefined {
  const files: string[] = [];
  const listDir = join(aptDir, 'sources.list.d');
  if (existsSync(listDir)) for (const name of readdirSync(listDir).sort()) files.push(join(listDir, name));
  if (existsSync(join(aptDir, 'sources.list'))) files.push(join(aptDir, 'sources.list'));
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (file.endsWith('.sources')) {
      for (const stanza of text.split(/\n\s*\n/)) {
        const field = (name: string) =>
          stanza
            .match(new RegExp(`^${name}:\\s*(.+)$`, 'mi'))?.[1]
            .trim()
            .split(/\s+/);
        if (field('Types')?.includes('deb') && field('Suites')?.includes(suite)) return field('URIs')?.[0];
      }
    } else if (file.endsWith('.list')) {
      for (const line of text.split('\n')) {
        const words = line
          .replace(/\[[^\]]*\]/, '')
          .trim()
          .split(/\s+/);
        if (words[0] === 'deb' && words[2] === suite) return words[1];
      }
    }
  }
  return undefined;
}
