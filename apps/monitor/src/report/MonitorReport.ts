import type { DriftSummary, SkippedColumn } from '@mlops/drift';
import type { ChallengerComparison } from '../challenger/compareRoles';
import type { DataQualityReport } from '../check/dataQuality';
import type { LiveMetrics } from '../check/liveMetrics';
import type { OutputDrift } from '../check/predictionDrift';
import type { ReferenceKs } from '../check/referenceKs';
import type { GlobalImportance } from '../explain/GlobalImportance';
import type { SkippedLogLines } from '../log/readLog';
import type { FeatureDistribution } from './featureCharts';
import type { LogAggregates } from './LogAggregates';
import type { ReportSections } from './reportSections';

/** What `report.json` holds: everything the HTML shows, already aggregated. */
export interface MonitorReport extends ReportSections {
  model: string;
  version: number;
  generated_at: string;
  window: { label: string; since: string | null };
  predictions: number;
  /** Features most drifted first (`driftScore`). */
  drift: DriftSummary;
  /**
   * Every field of the version not drift-tested, with the reason: entity keys and
   * times, sensitive fields dropped or hashed by the API, features absent from the
   * log, columns profiled at training that are not inputs. The same list as `drift.skipped`.
   */
  not_monitored: SkippedColumn[];
  /**
   * The model's predicted classes or values against its own predictions on its
   * reference data (`reference` says so; versions registered before predictions
   * were stored fall back to the label, and `reference` says that).
   */
  prediction_drift: OutputDrift | null;
  /** Classifiers: the logged probabilities against the model's own on its reference data. */
  probability_drift: OutputDrift | null;
  data_quality: DataQualityReport;
  aggregates: LogAggregates;
  features: FeatureDistribution[];
  /**
   * Log lines left out of the check (torn, corrupt, or not a usable record): the
   * count, and the first ones as `{segment, line, reason}`.
   */
  skipped_log_lines: SkippedLogLines;
  /** Live metrics from labels that arrived later (`--labels`), when given. */
  live_metrics: LiveMetrics | null;
  /**
   * With `--test ks`: KS against the version's reference sample (exact up to the
   * row limit, the sketch's error bound beyond), or the profile fallback of a
   * version without one; null otherwise.
   */
  reference_ks?: ReferenceKs | null;
  /**
   * The version's global importance: mean |contribution| per input field over its reference
   * sample (most important first), or why there is none (`available: false`). Absent in
   * reports written before it was added.
   */
  global_importance?: GlobalImportance;
  /** Champion vs challenger (canary, shadow) on the window; null when it holds no challenger record. */
  challenger?: ChallengerComparison | null;
}
