import { type DriftSummary, type ProfileDriftOptions, profileDrift, type WindowProfile } from '@mlops/drift';
import type { PredictionRecord } from '@mlops/registry';
import { fieldCoverage, type VersionFields } from './fieldCoverage';
import { type ProfileLogOptions, profileLog } from './profileLog';

/** A window's feature drift, the window profile it was measured on, and the fields logged binned. */
export interface FeatureDriftResult {
  /** `skipped` lists every field of the version not drift-tested, with the reason. */
  drift: DriftSummary;
  window: WindowProfile;
  binned: string[];
}

/**
 * Feature drift of logged records against a version's baseline: decides which
 * fields can be tested ({@link fieldCoverage}), profiles the log hour by hour
 * (binned fields as bin counts; the model's outputs too, when references are
 * given), and tests the features. What is not tested, profiled at training or
 * not, is in `drift.skipped` with its reason.
 */
export function featureDrift(
  records: readonly PredictionRecord[],
  fields: VersionFields,
  options: {
    drift?: ProfileDriftOptions;
    outputs?: Pick<ProfileLogOptions, 'prediction' | 'probability'>;
  } = {},
): FeatureDriftResult {
  const coverage = fieldCoverage(records, fields);
  const { window } = profileLog(records, fields.profile, {
    ...options.outputs,
    columns: coverage.tested,
    binned: coverage.binned,
  });
  const summary = profileDrift(fields.profile, window, {
    ...options.drift,
    exclude: Object.fromEntries(coverage.notMonitored.map((s) => [s.column, s.reason])),
  });
  // The drift package lists the profiled columns it skipped; the coverage also knows the unprofiled ones.
  const skipped = [
    ...coverage.notMonitored.filter((s) => !Object.hasOwn(fields.profile.columns, s.column)),
    ...summary.skipped,
  ];
  return { drift: { ...summary, skipped }, window, binned: coverage.binned };
}
