import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathUnder, storeLayout } from '@mlops/registry';
import type { UiDriftLevel } from './uiTypes';

/**
 * The newest drift check of `model` that `monitor run` wrote into its default folder
 * (`<home>/reports/<model>/<time>/report.json`; the folder names are ISO times, so
 * the greatest name is the newest), or null when there is none. Reports written
 * elsewhere with `--out` are not seen. A newest report that cannot be read counts
 * as none rather than failing the whole models list.
 */
export async function lastDriftLevel(home: string, model: string): Promise<UiDriftLevel | null> {
  const dir = pathUnder(storeLayout(home).reports, model);
  if (!existsSync(dir)) return null;
  const runs = (await readdir(dir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'report.json')))
    .map((entry) => entry.name)
    .sort();
  const newest = runs.at(-1);
  if (newest === undefined) return null;
  try {
    const report = JSON.parse(await readFile(join(dir, newest, 'report.json'), 'utf8'));
    const level = report?.drift?.level;
    if (typeof level !== 'string') return null;
    return { level, version: Number(report.version), generated_at: String(report.generated_at) };
  } catch {
    return null;
  }
}
