import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { writeJsonAtomic } from '@mlops/features';
import { type ModelRegistry, pathUnder, storeLayout } from '@mlops/registry';
import { explainGlobalImportance } from './explainGlobalImportance';
import type { GlobalImportance } from './GlobalImportance';

/** Format of the cache files; a file of another format is ignored and rewritten. */
const CACHE_FORMAT = 1;
/** Computed (or in flight) per version key, in this process. */
const computed = new Map<string, Promise<GlobalImportance>>();
/** Enough for every version a server shows; the oldest entry goes first. */
const KEEP = 500;

/**
 * A version's global importance ({@link explainGlobalImportance}), computed once: a version
 * is immutable, so the answer is kept in this process and in
 * `<MLOPS_HOME>/cache/importance/<model>/v<version>.json` (written to a temporary name and
 * renamed), for the next `monitor run`, `--watch` tick or server. The key hashes the
 * version's creation time and the checksums of its model and reference sample, so a
 * registry made again under the same home (v1 of another model) is not served a stale file.
 */
export async function versionImportance(
  registry: ModelRegistry,
  home: string,
  model: string,
  version: number,
): Promise<GlobalImportance> {
  const record = await registry.getVersion(model, version);
  const key = createHash('sha256')
    .update(
      JSON.stringify([
        CACHE_FORMAT,
        model,
        version,
        record.createdAt,
        record.checksums?.['model.json'] ?? record.dataHash,
        record.checksums?.['reference.arrow'] ?? record.referenceRows ?? null,
      ]),
    )
    .digest('hex');
  const known = computed.get(key);
  if (known) return known;
  const path = pathUnder(storeLayout(home).cache, 'importance', model, `v${version}.json`);
  const pending = (async () => {
    const cached = await readCached(path, key);
    if (cached) return cached;
    const importance = await explainGlobalImportance(registry, model, version);
    await writeJsonAtomic(path, { format: CACHE_FORMAT, key, importance });
    return importance;
  })();
  if (computed.size >= KEEP) computed.delete(computed.keys().next().value as string);
  computed.set(key, pending);
  // A failure is not kept: the next call tries again.
  pending.catch(() => computed.delete(key));
  return pending;
}

async function readCached(path: string, key: string): Promise<GlobalImportance | null> {
  try {
    const file = JSON.parse(await readFile(path, 'utf8'));
    if (file?.format === CACHE_FORMAT && file.key === key && typeof file.importance?.available === 'boolean')
      return file.importance as GlobalImportance;
  } catch {
    // Absent, torn or not JSON: computed again and rewritten.
  }
  return null;
}
