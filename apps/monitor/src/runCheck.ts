import { join } from 'node:path';
import { type DriftSummary, profileDrift } from '@mlops/drift';
import { writeJsonAtomic } from '@mlops/features';
import { openRegistry, readPredictionLog, storeLayout } from '@mlops/registry';
import { recordsToTable } from './recordsToTable';

/** Options of one drift check. */
export interface CheckOptions {
  home: string;
  model: string;
  /** Only predictions at or after this time. */
  since?: Date;
  /** Report folder; @default `<home>/reports/<model>/<time>` */
  out?: string;
  /** Fewer logged predictions than this is too little to judge drift. @default 100 */
  minRows?: number;
}

/** One check's outcome, as `monitor run --json` prints it. */
export interface CheckResult {
  model: string;
  version: number;
  predictions: number;
  report_path: string;
  drift: DriftSummary;
}

/**
 * Compares the logged inputs of a model's production version with the baseline
 * profile stored at registration, and writes the report as JSON.
 */
export async function runCheck(options: CheckOptions): Promise<CheckResult> {
  const registry = openRegistry(options.home);
  const version = await registry.resolve(options.model, { alias: 'production' });
  const profile = await registry.readProfile(options.model, version);
  const log = await readPredictionLog({
    dir: storeLayout(options.home).predictions,
    model: options.model,
    since: options.since,
  });
  const records = log.records.filter((record) => record.model_version === version);
  const minRows = options.minRows ?? 100;
  if (records.length < minRows) {
    // A handful of rows makes every histogram look drifted; say so instead of alarming.
    throw new Error(
      `only ${records.length} logged predictions of ${options.model} v${version}${options.since ? ` since ${options.since.toISOString()}` : ''}: a drift check needs at least ${minRows} (--min-rows)`,
    );
  }
  const drift = profileDrift(profile, recordsToTable(records, profile));
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const out = options.out ?? join(storeLayout(options.home).reports, options.model, stamp);
  const reportPath = join(out, 'report.json');
  const result: CheckResult = {
    model: options.model,
    version,
    predictions: records.length,
    report_path: reportPath,
    drift,
  };
  await writeJsonAtomic(reportPath, {
    ...result,
    generated_at: new Date().toISOString(),
    skipped_log_lines: log.skippedLines,
  });
  return result;
}

/** The exit code CI acts on: 0 stable, 1 watch, 2 retrain. */
export function exitCodeFor(result: CheckResult): number {
  return result.drift.level === 'stable' ? 0 : result.drift.level === 'watch' ? 1 : 2;
}
