import type { ModelRegistry, PredictionLogWindows } from '@mlops/registry';
import { MonitorError } from '../../errors';
import { driftScore } from '../../report/driftScore';
import type { MonitorReport } from '../../report/MonitorReport';
import { requireUiModel } from '../uiModels';
import type { UiDriftCheck, UiDriftReport, UiDriftResponse, UiFeatureDrift } from '../uiTypes';
import { inWindow, timeWindow, wholeLog } from './logWindow';
import { type StoredReport, storedReports } from './storedReports';
import { timeQueryOf, versionChoices, versionOf } from './uiQuery';

/**
 * `GET /api/ui/models/:name/drift?version=&range=&report=` (or `from=&to=` instead of `range=`): drift over time as the
 * sequence of checks `monitor run` stored (each a window it judged; a check is in the
 * range when its newest prediction is), and one check opened for the drill-down: the
 * one `report=` names, else the newest in range. Drift is not recomputed here: the
 * page shows what the monitor decided, with the test and threshold it used.
 */
export async function uiDrift(
  registry: ModelRegistry,
  home: string,
  name: string,
  params: URLSearchParams,
  /** The store's prediction log (`openStores`' `predictionLog`). @default the segment files under `home` */
  log?: PredictionLogWindows,
): Promise<UiDriftResponse> {
  await requireUiModel(registry, name);
  const range = timeQueryOf(params);
  const versions = await versionChoices(registry, name);
  const version = versionOf(params, name, versions);
  // A custom range has its own ends: the whole log (what a preset ends at) is not read for it.
  const [whole, stored] = await Promise.all([
    range.range === 'custom' ? null : wholeLog(home, name, log),
    storedReports(home, name),
  ]);
  // A log pruned past the checks still shows them: the newest check then anchors the range.
  const newest = whole?.last ?? stored.at(-1)?.report.aggregates?.last ?? null;
  const oldest = minTime(whole?.first ?? null, stored[0]?.report.aggregates?.first ?? null);
  const window = timeWindow(range, oldest, newest);
  const picked = stored.filter(
    ({ report }) => (version === null || report.version === version) && inWindow(window, windowEnd(report)),
  );
  const asked = params.get('report');
  let opened: StoredReport | undefined = picked.at(-1);
  if (asked) {
    opened = stored.find((s) => s.id === asked);
    if (!opened) {
      throw new MonitorError(
        'bad-query',
        `report=${asked.slice(0, 60)} is not a drift check of ${name}: pick one from the drift-over-time table, or leave report= out for the newest`,
      );
    }
  }
  return {
    model: name,
    versions,
    version,
    window,
    checks: picked.map(driftCheck),
    report: opened ? driftReport(opened) : null,
  };
}

/** When a check's window ended: its newest prediction, else (an empty aggregate) when it was written. */
function windowEnd(report: MonitorReport): string {
  return report.aggregates?.last ?? report.generated_at;
}

function driftCheck({ id, report }: StoredReport): UiDriftCheck {
  const columns = report.drift.columns;
  return {
    id,
    generated_at: report.generated_at,
    version: report.version,
    level: report.drift.level,
    window: report.window?.label ?? 'all',
    first: report.aggregates?.first ?? null,
    last: report.aggregates?.last ?? null,
    predictions: report.predictions,
    drifted: columns.filter((c) => c.drifted).length,
    tested: columns.length,
    drift_share: report.drift.driftShare,
    scores: Object.fromEntries(columns.map((c) => [c.column, driftScore(c)])),
    live_metrics: report.live_metrics ? { ...report.live_metrics.metrics } : null,
  };
}

function driftReport(stored: StoredReport): UiDriftReport {
  const { report } = stored;
  const features: UiFeatureDrift[] = (report.feature_details ?? []).map((d) => ({
    column: d.column,
    kind: d.kind,
    test: d.drift.test,
    statistic: d.drift.statistic,
    p_value: d.drift.pValue ?? null,
    threshold: d.drift.threshold,
    drifted: d.drift.drifted,
    drift_score: d.drift_score,
    binned: Boolean((d.drift as { binned?: boolean }).binned),
    distribution: d.distribution
      ? {
          labels: d.distribution.labels,
          reference: d.distribution.reference,
          current: d.distribution.current,
        }
      : null,
    quantiles: d.quantiles,
    missing: d.missing,
    new_categories: d.new_categories,
  }));
  const prediction = report.prediction_drift;
  const performance = report.performance;
  return {
    ...driftCheck(stored),
    features,
    not_monitored: report.not_monitored ?? [],
    prediction_drift: prediction
      ? {
          test: prediction.test,
          statistic: prediction.statistic,
          threshold: prediction.threshold,
          drifted: prediction.drifted,
          reference: prediction.reference,
        }
      : null,
    skipped_log_lines: report.skipped_log_lines?.count ?? 0,
    performance: performance
      ? {
          task: performance.task,
          rows: performance.rows,
          over_time: performance.over_time,
          registered: performance.registered,
        }
      : null,
  };
}

const minTime = (a: string | null, b: string | null) => (a === null ? b : b === null || a <= b ? a : b);
