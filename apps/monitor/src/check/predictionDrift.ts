import { type ColumnDrift, DriftError, profileDrift, type WindowProfile } from '@mlops/drift';
import type { BaselineProfile, ColumnProfile, NumericProfile } from '@mlops/features';
import { PREDICTION_COLUMN, PROBABILITY_COLUMN } from '../recordsToTable';

/** Drift of one of the model's outputs, and what it was compared with. */
export type OutputDrift = ColumnDrift & {
  column: 'prediction' | 'probability';
  /** What the live outputs were compared with, in the user's words. */
  reference: string;
};

/** The references prediction drift compares live outputs with. */
export interface OutputReferences {
  prediction?: ColumnProfile;
  probability?: NumericProfile;
  /** Rows the references were measured on. */
  rows: number;
  /** Says what `prediction` is: the model's own predictions, or the label as a stand-in. */
  reference: string;
}

/** The `reference` of a version registered before training stored its predictions. */
export const LABEL_FALLBACK =
  'label (this version has no stored predictions: retrain to compare like with like)';

/**
 * What live predictions are compared with: the served model's own predictions on
 * its reference (training) rows, `profile.predictions`, and for classifiers their
 * probabilities. A classifier with a tuned threshold predicts positives at its own
 * rate, not at the label's base rate, so the label is only a fallback, for versions
 * registered before predictions were stored, and the report says so.
 */
export function outputReferences(profile: BaselineProfile): OutputReferences {
  if (profile.predictions) {
    return {
      prediction: profile.predictions.prediction,
      probability: profile.predictions.probability,
      rows: profile.predictions.rows,
      reference: "the model's own predictions on its reference data",
    };
  }
  return { prediction: profile.target?.profile, rows: profile.rows, reference: LABEL_FALLBACK };
}

/**
 * Prediction drift of a window: the predicted classes or values with
 * Jensen–Shannon ≥ 0.1 (outputs are few-valued for classifiers: shares are
 * compared whatever the reference size), and, when the reference has them, the
 * probabilities with the profile's default test, reported apart.
 */
export function predictionDrift(
  references: OutputReferences,
  window: WindowProfile,
): { prediction: OutputDrift | null; probability: OutputDrift | null } {
  const test = (name: string, profile: ColumnProfile, options: { test?: 'jensenshannon' }) => {
    try {
      return profileDrift(
        { formatVersion: 1, rows: references.rows, columns: { [name]: profile } },
        window,
        options,
      ).columns[0];
    } catch (error) {
      // No logged output of that kind in the window: no verdict on it (null), not an aborted check.
      if (error instanceof DriftError && error.code === 'nothing-to-compare') return undefined;
      throw error;
    }
  };
  const prediction = references.prediction
    ? test(PREDICTION_COLUMN, references.prediction, { test: 'jensenshannon' })
    : undefined;
  const probability = references.probability
    ? test(PROBABILITY_COLUMN, references.probability, {})
    : undefined;
  return {
    prediction: prediction ? { ...prediction, column: 'prediction', reference: references.reference } : null,
    probability: probability
      ? {
          ...probability,
          column: 'probability',
          reference: "the model's own probabilities on its reference data",
        }
      : null,
  };
}
