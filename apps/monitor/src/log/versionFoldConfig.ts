import type { BaselineProfile } from '@mlops/features';
import type { VersionFields } from '../check/fieldCoverage';
import type { OutputReferences } from '../check/predictionDrift';
import { PREDICTION_COLUMN, PROBABILITY_COLUMN } from '../recordsToTable';
import type { FoldConfig } from './LogFolder';

/**
 * The fold a check of one version needs: its records, profiled on its
 * baseline's bins, with the model's outputs as columns against their
 * references (prediction drift), and its features for data quality.
 */
export function versionFoldConfig(
  version: number,
  fields: Pick<VersionFields, 'profile' | 'features'>,
  outputs: Pick<OutputReferences, 'prediction' | 'probability'>,
  recent = 0,
): FoldConfig {
  const columns = { ...fields.profile.columns };
  if (outputs.prediction) columns[PREDICTION_COLUMN] = outputs.prediction;
  if (outputs.probability) columns[PROBABILITY_COLUMN] = outputs.probability;
  const reference: BaselineProfile = { ...fields.profile, columns };
  return { version, reference, features: fields.features, recent };
}
