import { existsSync, readFileSync } from 'node:fs';

/** The `KEY=value` lines of an env file (comments and blank lines skipped), with their line numbers. */
export function readEnvExample(path: string): Map<string, { value: string; line: number }> {
  const entries = new Map<string, { value: string; line: number }>();
  if (!existsSync(path)) return entries;
  readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .forEach((raw, index) => {
      const line = raw.trim();
      const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
      if (!match || line.startsWith('#')) return;
      entries.set(match[1], { value: match[2].replace(/^(['"])(.*)\1$/, '$2'), line: index + 1 });
    });
  return entries;
}

/** Names that hold secrets: their values come from the environment, never from the repo. */
export const SECRET_NAME = /(KEY|SECRET|PASSWORD|PASSWD|TOKEN|SALT|CREDENTIALS?)$/i;
