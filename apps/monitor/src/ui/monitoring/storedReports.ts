import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pathUnder, storeLayout } from '@mlops/registry';
import type { MonitorReport } from '../../report/MonitorReport';

/** A report.json `monitor run` wrote into the model's default folder, with its folder name. */
export interface StoredReport {
  id: string;
  report: MonitorReport;
}

/** Parsed reports by path, kept while the file's size and time are unchanged: a report is written once and renamed into place. */
const parsed = new Map<string, { stamp: string; report: MonitorReport | null }>();
/** Enough for a month of checks every 15 minutes. */
const KEEP = 5_000;

/**
 * Every drift check `monitor run` wrote for `model` under `<home>/reports/<model>/<time>/`,
 * oldest first (the folder names are generation times). Reports written elsewhere with
 * `--out` are not seen; a report.json that does not parse, or is not a monitor report, is
 * left out rather than failing the view (the same rule as the models list's last level).
 */
export async function storedReports(home: string, model: string): Promise<StoredReport[]> {
  const { dir, names } = await reportFolders(home, model);
  const out: StoredReport[] = [];
  for (const id of names) {
    const report = await readReport(join(dir, id, 'report.json'));
    if (report) out.push({ id, report });
  }
  return out;
}

/**
 * The same reports as {@link storedReports}, newest first, each read only when the caller
 * asks for the next: a view that wants the newest check of some kind stops at it instead
 * of parsing a month of checks.
 */
export async function* storedReportsNewestFirst(home: string, model: string): AsyncGenerator<StoredReport> {
  const { dir, names } = await reportFolders(home, model);
  for (const id of names.reverse()) {
    const report = await readReport(join(dir, id, 'report.json'));
    if (report) yield { id, report };
  }
}

/** The model's report folders, oldest first (their names are generation times). */
async function reportFolders(home: string, model: string): Promise<{ dir: string; names: string[] }> {
  const dir = pathUnder(storeLayout(home).reports, model);
  if (!existsSync(dir)) return { dir, names: [] };
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return { dir, names };
}

async function readReport(path: string): Promise<MonitorReport | null> {
  let stamp: string;
  try {
    const info = await stat(path);
    stamp = `${info.size}:${info.mtimeMs}`;
  } catch {
    return null;
  }
  const hit = parsed.get(path);
  if (hit && hit.stamp === stamp) return hit.report;
  let report: MonitorReport | null = null;
  try {
    const value = JSON.parse(await readFile(path, 'utf8'));
    if (typeof value?.drift?.level === 'string' && Array.isArray(value?.drift?.columns)) report = value;
  } catch {
    report = null;
  }
  if (parsed.size >= KEEP) parsed.delete(parsed.keys().next().value as string);
  parsed.set(path, { stamp, report });
  return report;
}
