import { DriftError, type SkippedColumn } from '@mlops/drift';
import {
  type ModelRegistry,
  type PredictionLogReader,
  type PredictionLogWindows,
  type PredictionRecord,
  storeLayout,
} from '@mlops/registry';
import { foldFeatureDrift } from '../check/featureDrift';
import { readVersionFields } from '../check/versionFields';
import { foldAggregates } from '../log/foldAggregates';
import { MAX_CACHED_WINDOW_ROWS } from '../log/LogFold';
import { minuteSeries } from '../log/minuteSeries';
import type { SkippedLogLines } from '../log/readLog';
import { streamStoreLog } from '../log/streamStoreLog';
import { versionFoldConfig } from '../log/versionFoldConfig';
import type { LogAggregates } from '../report/LogAggregates';

/** What the dashboard's JSON endpoint serves for one model. */
export interface DashboardSummary {
  model: string;
  live_version: number | null;
  versions: {
    version: number;
    kind: string;
    created_at: string;
    aliases: string[];
    metrics: Record<string, number>;
  }[];
  /** The live version's traffic (every version's when none is live): never two versions added together. */
  aggregates: LogAggregates;
  /** The version `aggregates` and `recent` count, or null (no live version: every version). */
  aggregates_version: number | null;
  /** Predictions of other versions in the log, left out of `aggregates` (canary, shadow, earlier versions). */
  other_versions_rows: number;
  drift: {
    level: string;
    drift_share: number;
    window_rows: number;
    columns: {
      column: string;
      test: string;
      statistic: number;
      p_value: number | null;
      threshold: number;
      drifted: boolean;
      /** Tested on reference-bin counts: a sensitive field logged binned. */
      binned: boolean;
    }[];
    /** Fields of the live version not drift-tested, with the reason. */
    not_monitored: SkippedColumn[];
  } | null;
  /** Why `drift` is null although the live version has traffic (nothing to compare), else null. */
  drift_note: string | null;
  recent: PredictionRecord[];
  /** Log lines left out (torn, corrupt or mis-shaped), with segment and line. */
  skipped_log_lines: SkippedLogLines;
  generated_at: string;
}

/** Options of {@link dashboardSummary}. */
export interface DashboardOptions {
  home: string;
  /** The registry the versions are read from (`openStores` of @mlops/registry). */
  registry: ModelRegistry;
  model: string;
  /** Drift is judged on the newest this-many predictions of the live version. @default 5000 */
  driftRows?: number;
  /** Recent predictions listed. @default 20 */
  recent?: number;
  /** The log reader (tests read its `bytesRead`). @default a new one per call */
  reader?: PredictionLogReader;
  /** The store's prediction log (`openStores`' `predictionLog`). @default the segment files under `home` */
  log?: PredictionLogWindows;
}

/** Reads the registry and the log and aggregates them for the dashboard. */
export async function dashboardSummary(options: DashboardOptions): Promise<DashboardSummary> {
  const { registry } = options;
  const versions = await registry.listVersions(options.model);
  const live = versions.find((v) => v.aliases.includes('production'))?.version ?? null;
  const dir = storeLayout(options.home).predictions;
  const driftRows = options.driftRows ?? 5000;
  // The live version's traffic for the charts and the recent list (a count of every version
  // beside drift of one read as the live version's); its newest rows for drift.
  const log = await streamStoreLog({
    log: options.log,
    dir,
    model: options.model,
    config: { version: live, recent: options.recent ?? 20 },
    reader: options.reader,
  });
  let drift: DashboardSummary['drift'] = null;
  let note: string | null = null;
  if (live !== null) {
    const fields = log.fold.rows > 0 ? await readVersionFields(registry, options.model, live) : undefined;
    const liveLog = fields
      ? await streamStoreLog({
          log: options.log,
          dir,
          model: options.model,
          // The newest driftRows of each segment are cached: a refresh reads only what was appended.
          config: versionFoldConfig(live, fields, {}, Math.min(driftRows, MAX_CACHED_WINDOW_ROWS)),
          window: { kind: 'rows', rows: driftRows, label: 'dashboard' },
          reader: options.reader,
        })
      : undefined;
    const summary =
      fields && liveLog && liveLog.fold.rows > 0
        ? comparable(() => foldFeatureDrift(liveLog.fold, fields).drift)
        : undefined;
    if (!fields || !liveLog || liveLog.fold.rows === 0)
      note = `nothing to compare: no logged predictions of ${options.model} v${live} yet`;
    else if (typeof summary === 'string') note = summary;
    else if (summary) {
      drift = {
        level: summary.level,
        drift_share: summary.driftShare,
        window_rows: liveLog.fold.rows,
        columns: summary.columns.map((c) => ({
          column: c.column,
          test: c.test,
          statistic: c.statistic,
          p_value: c.pValue ?? null,
          threshold: c.threshold,
          drifted: c.drifted,
          binned: c.binned === true,
        })),
        not_monitored: summary.skipped,
      };
    }
  }
  return {
    model: options.model,
    live_version: live,
    versions: versions.map((v) => ({
      version: v.version,
      kind: v.kind,
      created_at: v.createdAt,
      aliases: v.aliases,
      metrics: v.metrics as unknown as Record<string, number>,
    })),
    aggregates: { ...foldAggregates(log.fold, 1), series: minuteSeries(log.fold) },
    aggregates_version: live,
    other_versions_rows: log.logged - log.fold.rows,
    drift,
    drift_note: note,
    recent: [...log.fold.recent].reverse(),
    skipped_log_lines: log.skipped,
    generated_at: new Date().toISOString(),
  };
}

/** The drift summary, or the one-line reason there is nothing to compare (never a made-up "stable"). */
function comparable<T>(run: () => T): T | string {
  try {
    return run();
  } catch (error) {
    if (error instanceof DriftError && error.code === 'nothing-to-compare') return error.message;
    throw error;
  }
}

/** A cell a spreadsheet would run as a formula: it starts with =, +, -, @, a tab or a carriage return. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell. Text that a spreadsheet would read as a formula is neutralised
 * as OWASP recommends (a leading `'`, and quoted); numbers are written as they
 * are (a negative number is a number, not a formula); `"` `,` and line breaks
 * are quoted.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = String(value);
  if (FORMULA_START.test(text)) return `"'${text.replace(/"/g, '""')}"`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The log as CSV: one row per prediction, one column per feature seen. Every
 * cell, header included (feature names come from the log), goes through
 * {@link csvCell}, so a logged `=HYPERLINK(…)` opens as text.
 */
export function logToCsv(records: readonly PredictionRecord[]): string {
  const features = [...new Set(records.flatMap((r) => Object.keys(r.features)))].sort();
  const header = [
    'timestamp',
    'request_id',
    'model_name',
    'model_version',
    'prediction',
    'probability',
    'latency_ms',
    ...features,
  ];
  const lines = [header.map(csvCell).join(',')];
  for (const r of records) {
    lines.push(
      [
        r.timestamp,
        r.request_id,
        r.model_name,
        r.model_version,
        r.prediction,
        r.probability,
        r.latency_ms,
        ...features.map((f) => r.features[f]),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
