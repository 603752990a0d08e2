import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/**
 * The request ids in a model's prediction log, by writer: segment files are named
 * `<start>_<host>_<pid>_<id>_<index>.jsonl` (optionally gzipped), so everything before the
 * index is one API process.
 */
export function requestIdsByWriter(modelDir: string): Map<string, Set<string>> {
  const writers = new Map<string, Set<string>>();
  for (const file of readdirSync(modelDir).sort()) {
    const match = file.match(/^(.+)_\d+\.jsonl(\.gz)?$/);
    if (!match) continue;
    const bytes = readFileSync(join(modelDir, file));
    const text = (match[2] ? gunzipSync(bytes) : bytes).toString('utf8');
    const ids = writers.get(match[1]) ?? new Set<string>();
    for (const line of text.split('\n')) {
      if (line.trim()) ids.add(String((JSON.parse(line) as { request_id?: unknown }).request_id));
    }
    writers.set(match[1], ids);
  }
  return writers;
}
