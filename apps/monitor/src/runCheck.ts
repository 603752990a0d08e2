import { join } from 'node:path';
import type { DriftSummary, ProfileDriftOptions, SkippedColumn } from '@mlops/drift';
import { readDataset } from '@mlops/features';
import {
  type ModelRegistry,
  type PredictionLogReader,
  type PredictionLogWindows,
  type PredictionRecord,
  storeLayout,
} from '@mlops/registry';
import { type ChallengerComparison, compareRoles } from './challenger/compareRoles';
import { checkDataQuality, type DataQualityReport } from './check/dataQuality';
import { foldFeatureDrift } from './check/featureDrift';
import { joinLabels } from './check/joinLabels';
import { type LiveMetrics, liveMetricsOfJoin } from './check/liveMetrics';
import { type OutputDrift, outputReferences, predictionDrift } from './check/predictionDrift';
import { DEFAULT_EXACT_ROWS, ksCandidates, type ReferenceKs, referenceKsDrift } from './check/referenceKs';
import type { WindowSpec } from './check/timeWindow';
import { readVersionFields } from './check/versionFields';
import { WindowValues } from './check/windowValues';
import { MonitorError } from './errors';
import { versionImportance } from './explain/versionImportance';
import { foldAggregates } from './log/foldAggregates';
import { MAX_CACHED_WINDOW_ROWS } from './log/LogFold';
import type { SkippedLogLines } from './log/readLog';
import { streamStoreLog } from './log/streamStoreLog';
import { versionFoldConfig } from './log/versionFoldConfig';
import { byDriftScore } from './report/driftScore';
import { featureDistributions } from './report/featureCharts';
import type { MonitorReport } from './report/MonitorReport';
import { reportSections } from './report/reportSections';
import { writeReport } from './report/writeReport';

/** Options of one drift check. */
export interface CheckOptions {
  /** Where the prediction log and the reports are (`MLOPS_HOME`). */
  home: string;
  /** The registry the model's production version is read from (`openStores` of @mlops/registry). */
  registry: ModelRegistry;
  model: string;
  /** Only predictions at or after this time. */
  since?: Date;
  /** The last stretch of time or the last N rows of the log. @default everything since `since` */
  window?: WindowSpec;
  /** Report folder; @default `<home>/reports/<model>/<time>` */
  out?: string;
  /** Fewer logged predictions than this is too little to judge drift. @default 100 */
  minRows?: number;
  /** Tests and thresholds for the feature drift. */
  drift?: ProfileDriftOptions;
  /**
   * A CSV/Arrow file of true labels that arrived later: `request_id`, or the model's
   * id columns, plus the target: live metrics.
   */
  labels?: string;
  /** `MLOPS_HASH_SALT`: hashes the labels' sensitive id values to match the log's entity keys. */
  hashSalt?: string;
  /** Reuse the window folds cached beside the log (`<log>/<model>/.monitor-cache`). @default true */
  cache?: boolean;
  /** The log reader (tests read its `bytesRead`). @default a new one */
  reader?: PredictionLogReader;
  /**
   * The store's prediction log (`openStores`' `predictionLog`). The segment files
   * (`PredictionLogReader`, or undefined: those under `home`) are folded with their cache
   * beside the log; any other (PostgreSQL) streams the window through its `readWindow`.
   */
  log?: PredictionLogWindows;
  /** `--test ks`: current rows up to which KS uses every value, the sketch beyond. @default 1,000,000 (`MONITOR_EXACT_ROWS`) */
  exactRows?: number;
}

/** One check's outcome, as `monitor run --json` prints it. */
export interface CheckResult {
  model: string;
  version: number;
  predictions: number;
  report_path: string;
  html_path: string;
  drift: DriftSummary;
  /** Every field of the version (features, entity keys, profiled columns) not drift-tested, and why. */
  not_monitored: SkippedColumn[];
  /** Predicted classes or values against the model's own predictions on its reference data (or the label, said in `reference`). */
  prediction_drift: OutputDrift | null;
  /** Classifiers: the logged probabilities against the model's own on its reference data. */
  probability_drift: OutputDrift | null;
  data_quality: Pick<DataQualityReport, 'rows' | 'issues'>;
  /** With `--labels`: metrics on labelled production traffic against the version's test metrics. */
  live_metrics: LiveMetrics | null;
  /** Log lines left out (torn, corrupt or mis-shaped): how many, and the first ones with segment and line. */
  skipped_log_lines: SkippedLogLines;
  /** With `--test ks`: what KS was computed against (the reference sample, or the profile fallback) and how exactly. */
  reference_ks: ReferenceKs | null;
  /** Champion vs challenger (canary, shadow) on the window; null: no challenger traffic in it. */
  challenger?: ChallengerComparison | null;
}

/**
 * Compares the logged inputs of a model's production version with the baseline
 * profile stored at registration (profiled hour by hour and merged): its
 * features only, sensitive ones logged as bin indices on their bin counts, every
 * other field listed with the reason it is not monitored. Checks its outputs
 * against the model's own predictions on the reference data, input quality
 * against the feature schema, and writes the report folder (JSON, HTML, SVG charts).
 */
export async function runCheck(options: CheckOptions): Promise<CheckResult> {
  const { registry } = options;
  const version = await registry.resolve(options.model, { alias: 'production' });
  const fields = await readVersionFields(registry, options.model, version);
  const { profile, features } = fields;
  const outputs = outputReferences(profile);
  // --test ks: numeric features against the version's stored reference values, on the window's own values.
  const wantsKs = options.drift?.test === 'ks';
  const sample = wantsKs ? await registry.readReferenceSample(options.model, version) : undefined;
  const exactRows = options.exactRows ?? DEFAULT_EXACT_ROWS;
  const values = sample ? new WindowValues(ksCandidates(fields, sample), exactRows) : undefined;
  const labelled: PredictionRecord[] = [];
  const visit =
    options.labels || values
      ? (record: PredictionRecord) => {
          if (options.labels) labelled.push(record);
          values?.add(record);
        }
      : undefined;
  // A window of the last N ≤ 10,000 rows is kept in the file cache as each segment's newest records.
  const config = versionFoldConfig(version, fields, outputs, cachedWindowRows(options.window));
  const log = await streamStoreLog({
    dir: storeLayout(options.home).predictions,
    model: options.model,
    config,
    since: options.since,
    window: options.window,
    cache: options.cache,
    reader: options.reader,
    log: options.log,
    visit,
  });
  labelled.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
  const rows = log.fold.rows;
  checkEnoughRows(options, version, rows, log.logged);
  const tested = wantsKs
    ? referenceKsDrift(log.fold, fields, sample, values, { drift: options.drift, exactRows })
    : { ...foldFeatureDrift(log.fold, fields, { drift: options.drift }), ks: null };
  const { window } = tested;
  // Most drifted first, in the JSON as in the HTML.
  const drift = { ...tested.drift, columns: byDriftScore(tested.drift.columns) };
  const notMonitored = drift.skipped;
  const outputDrift = predictionDrift(outputs, window);
  const quality = log.fold.quality ?? checkDataQuality([], features, profile);
  // Labels are joined once: live metrics, target drift and the performance section share the join.
  const joined = options.labels
    ? joinLabels(labelled, readDataset(options.labels), fields.model, { hashSalt: options.hashSalt })
    : null;
  const live = joined
    ? liveMetricsOfJoin(joined, fields.model, (await registry.getVersion(options.model, version)).metrics)
    : null;
  const challenger =
    log.fold.first && log.fold.last
      ? await compareRoles({
          dir: storeLayout(options.home).predictions,
          model: options.model,
          championVersion: version,
          from: log.fold.first,
          to: log.fold.last,
          model_document: fields.model,
          log: options.log,
          labels: options.labels ? readDataset(options.labels) : undefined,
          hashSalt: options.hashSalt,
          registered: async (v) => (await registry.getVersion(options.model, v)).metrics,
        })
      : null;
  const generatedAt = new Date().toISOString();
  const out =
    options.out ?? join(storeLayout(options.home).reports, options.model, generatedAt.replace(/[:.]/g, '-'));
  const report: MonitorReport = {
    model: options.model,
    version,
    generated_at: generatedAt,
    window: { label: options.window?.label ?? 'all', since: options.since?.toISOString() ?? null },
    predictions: rows,
    drift,
    not_monitored: notMonitored,
    prediction_drift: outputDrift.prediction,
    probability_drift: outputDrift.probability,
    data_quality: quality,
    aggregates: foldAggregates(log.fold),
    features: featureDistributions(profile, window),
    skipped_log_lines: log.skipped,
    live_metrics: live,
    reference_ks: tested.ks,
    // Computed once per version (cached under MLOPS_HOME/cache): a version is immutable.
    global_importance: await versionImportance(registry, options.home, options.model, version),
    challenger,
    ...reportSections({
      columns: drift.columns,
      profile,
      window,
      outputs,
      joined,
      model: fields.model,
      registered: live?.registered ?? {},
    }),
  };
  const paths = await writeReport(out, report);
  return {
    model: options.model,
    version,
    predictions: rows,
    report_path: paths.json,
    html_path: paths.html,
    drift,
    not_monitored: notMonitored,
    prediction_drift: outputDrift.prediction,
    probability_drift: outputDrift.probability,
    data_quality: { rows: quality.rows, issues: quality.issues },
    live_metrics: live,
    skipped_log_lines: log.skipped,
    reference_ks: tested.ks,
    challenger,
  };
}

function cachedWindowRows(window: WindowSpec | undefined): number {
  return window?.kind === 'rows' && window.rows <= MAX_CACHED_WINDOW_ROWS ? window.rows : 0;
}

/**
 * No rows in the window, or fewer than `--min-rows`, is nothing to compare (exit
 * 4): a handful of rows makes every histogram look drifted, so say so instead of
 * alarming, and never call it stable.
 */
function checkEnoughRows(options: CheckOptions, version: number, rows: number, logged: number): void {
  const minRows = options.minRows ?? 100;
  const where = `${options.since ? ` since ${options.since.toISOString()}` : ''}${options.window ? ` in the last ${options.window.label}` : ''}`;
  const details = { model: options.model, version, predictions: rows, min_rows: minRows };
  if (rows === 0) {
    throw new MonitorError(
      'nothing-to-compare',
      `nothing to compare: no logged predictions of ${options.model} v${version}${where}${logged ? ` (the log holds ${logged} of other versions or times)` : ''}: send traffic to the API, or widen --since/--window`,
      details,
    );
  }
  if (rows < minRows) {
    throw new MonitorError(
      'too-few-rows',
      `nothing to compare: only ${rows} logged predictions of ${options.model} v${version}${where}: a drift check needs at least ${minRows} (--min-rows); wait for more traffic or lower --min-rows`,
      details,
    );
  }
}
