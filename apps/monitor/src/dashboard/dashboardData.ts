import type { SkippedColumn } from '@mlops/drift';
import { openRegistry, type PredictionRecord, readPredictionLog, storeLayout } from '@mlops/registry';
import { featureDrift } from '../check/featureDrift';
import { readVersionFields } from '../check/versionFields';
import { aggregateLog, type LogAggregates } from '../report/aggregateLog';

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
  aggregates: LogAggregates;
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
  recent: PredictionRecord[];
  generated_at: string;
}

/** Options of {@link dashboardSummary}. */
export interface DashboardOptions {
  home: string;
  model: string;
  /** Drift is judged on the newest this-many predictions of the live version. @default 5000 */
  driftRows?: number;
  /** Recent predictions listed. @default 20 */
  recent?: number;
}

/** Reads the registry and the log and aggregates them for the dashboard. */
export async function dashboardSummary(options: DashboardOptions): Promise<DashboardSummary> {
  const registry = openRegistry(options.home);
  const versions = await registry.listVersions(options.model);
  const live = versions.find((v) => v.aliases.includes('production'))?.version ?? null;
  const log = await readPredictionLog({ dir: storeLayout(options.home).predictions, model: options.model });
  const records = log.records;
  let drift: DashboardSummary['drift'] = null;
  if (live !== null) {
    const liveRecords = records.filter((r) => r.model_version === live).slice(-(options.driftRows ?? 5000));
    if (liveRecords.length > 0) {
      const fields = await readVersionFields(registry, options.model, live);
      const { drift: summary } = featureDrift(liveRecords, fields);
      drift = {
        level: summary.level,
        drift_share: summary.driftShare,
        window_rows: liveRecords.length,
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
    aggregates: aggregateLog(records, 60),
    drift,
    recent: records.slice(-(options.recent ?? 20)).reverse(),
    generated_at: new Date().toISOString(),
  };
}

/** The log as CSV: one row per prediction, one column per feature seen. */
export function logToCsv(records: readonly PredictionRecord[]): string {
  const features = [...new Set(records.flatMap((r) => Object.keys(r.features)))].sort();
  const cell = (v: unknown) => {
    if (v === null || v === undefined) return '';
    const s = String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
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
  const lines = [header.join(',')];
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
        .map(cell)
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
