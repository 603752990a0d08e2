import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** An import specifier found in a source file, with its 1-based line. */
export interface SourceImport {
  file: string;
  line: number;
  specifier: string;
}

// Static imports and re-exports, dynamic import() and require(). Good enough for
// our own sources, which the formatter keeps to one specifier per statement.
const importPattern =
  /(?:\bimport\s+(?:type\s+)?(?:[\w*{}\s,]+\s+from\s+)?|\bexport\s+(?:type\s+)?[\w*{}\s,]+\s+from\s+|\bimport\s*\(\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;

/** Lists every import specifier of the `.ts` files under `dir`, skipping build output. */
export function listSourceImports(dir: string): SourceImport[] {
  const found: SourceImport[] = [];
  for (const file of listTypeScriptFiles(dir)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(importPattern)) {
      const line = text.slice(0, match.index).split('\n').length;
      found.push({ file, line, specifier: match[1] });
    }
  }
  return found;
}

function listTypeScriptFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listTypeScriptFiles(path));
    else if (/\.(ts|tsx|mts|cts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}
