import type { WindowProfile } from '@mlops/drift';
import type { OutputReferences } from '../check/predictionDrift';
import { PREDICTION_COLUMN, PROBABILITY_COLUMN } from '../recordsToTable';
import { type FeatureDistribution, featureDistributions } from './featureCharts';

/**
 * The model's outputs in the window against its outputs on the reference data
 * (or the label, when the version stored no predictions), on the reference's
 * bins or classes: the overlay of the prediction histogram.
 */
export function outputDistributions(
  references: OutputReferences,
  window: WindowProfile,
): { prediction: FeatureDistribution | null; probability: FeatureDistribution | null } {
  const one = (column: string, profile: OutputReferences['prediction']) => {
    if (!profile) return null;
    const [distribution] = featureDistributions(
      { formatVersion: 1, rows: references.rows, columns: { [column]: profile } },
      window,
    );
    return distribution ?? null;
  };
  return {
    prediction: one(PREDICTION_COLUMN, references.prediction),
    probability: one(PROBABILITY_COLUMN, references.probability),
  };
}
