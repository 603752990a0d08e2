import type { ColumnDrift, WindowProfile } from '@mlops/drift';
import type { BaselineProfile } from '@mlops/features';
import type { LabelJoin } from '../check/joinLabels';
import type { ScoredModel } from '../check/liveMetrics';
import type { OutputReferences } from '../check/predictionDrift';
import type { FeatureDistribution } from './featureCharts';
import { type FeatureDetail, featureDetails } from './featureDetails';
import { outputDistributions } from './outputDistributions';
import { type Performance, performance } from './performance';
import { type TargetDrift, targetDrift } from './targetDrift';

/** The report's deeper sections: drill-downs, the output overlay, and with labels target drift and performance. */
export interface ReportSections {
  /** One per tested feature, most drifted first. */
  feature_details: FeatureDetail[];
  /** Logged outputs against the model's outputs on its reference data, on the reference bins. */
  output_distributions: { prediction: FeatureDistribution | null; probability: FeatureDistribution | null };
  /** With `--labels`: the labels that arrived against the training label's distribution. */
  target_drift: TargetDrift | null;
  /** With `--labels`: classification (ROC, PR, confusion, calibration) or regression (residuals) performance, and metrics over time. */
  performance: Performance | null;
}

/** Builds {@link ReportSections} from what the check already computed: nothing here reads the log again. */
export function reportSections(input: {
  columns: readonly ColumnDrift[];
  profile: BaselineProfile;
  window: WindowProfile;
  outputs: OutputReferences;
  joined: LabelJoin | null;
  model: ScoredModel;
  registered: Record<string, number>;
}): ReportSections {
  return {
    feature_details: featureDetails(input.columns, input.profile, input.window),
    output_distributions: outputDistributions(input.outputs, input.window),
    target_drift: input.joined ? targetDrift(input.profile, input.joined) : null,
    performance: input.joined ? performance(input.joined, input.model, input.registered) : null,
  };
}
