import type { ColumnDrift, DriftSummary } from '@mlops/drift';
import type { DataQualityReport } from '../check/dataQuality';
import type { LiveMetrics } from '../check/liveMetrics';
import type { LogAggregates } from './aggregateLog';
import type { FeatureDistribution } from './featureCharts';

/** What `report.json` holds: everything the HTML shows, already aggregated. */
export interface MonitorReport {
  model: string;
  version: number;
  generated_at: string;
  window: { label: string; since: string | null };
  predictions: number;
  drift: DriftSummary;
  /** The model's output distribution against the training target's profile. */
  prediction_drift: ColumnDrift | null;
  data_quality: DataQualityReport;
  aggregates: LogAggregates;
  features: FeatureDistribution[];
  skipped_log_lines: number;
  /** Live metrics from labels that arrived later (`--labels`), when given. */
  live_metrics: LiveMetrics | null;
}
