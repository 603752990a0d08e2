import { type DriftSummary, type ProfileDriftOptions, profileDrift, type WindowProfile } from '@mlops/drift';
import type { PredictionRecord } from '@mlops/registry';
import type { LogFold } from '../log/LogFold';
import { PREDICTION_COLUMN, PROBABILITY_COLUMN } from '../recordsToTable';
import { type FieldCoverage, fieldCoverage, type VersionFields } from './fieldCoverage';
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
  return testedDrift(window, coverage, fields, options.drift);
}

/**
 * Feature drift of a window profiled on every feature (a {@link LogFold}'s
 * profiles): the values of the tested fields, the bin counts of those logged
 * binned, the outputs as they are; then tested as {@link featureDrift} tests.
 */
export function foldFeatureDrift(
  fold: Pick<LogFold, 'profile' | 'binnedProfile' | 'usage' | 'rows'>,
  fields: VersionFields,
  options: { drift?: ProfileDriftOptions } = {},
): FeatureDriftResult {
  const coverage = fieldCoverage(fold.usage ?? {}, fields);
  const columns: WindowProfile['columns'] = {};
  const values = fold.profile?.columns ?? {};
  for (const name of coverage.tested) {
    const column = coverage.binned.includes(name) ? fold.binnedProfile?.columns[name] : values[name];
    if (column) columns[name] = column;
  }
  for (const name of [PREDICTION_COLUMN, PROBABILITY_COLUMN]) if (values[name]) columns[name] = values[name];
  const window: WindowProfile = { ...(fold.profile ?? { formatVersion: 1 }), rows: fold.rows, columns };
  return testedDrift(window, coverage, fields, options.drift);
}

function testedDrift(
  window: WindowProfile,
  coverage: FieldCoverage,
  fields: VersionFields,
  drift: ProfileDriftOptions | undefined,
): FeatureDriftResult {
  const summary = profileDrift(fields.profile, window, {
    ...drift,
    exclude: Object.fromEntries(coverage.notMonitored.map((s) => [s.column, s.reason])),
  });
  // The drift package lists the profiled columns it skipped; the coverage also knows the unprofiled ones.
  const skipped = [
    ...coverage.notMonitored.filter((s) => !Object.hasOwn(fields.profile.columns, s.column)),
    ...summary.skipped,
  ];
  return { drift: { ...summary, skipped }, window, binned: coverage.binned };
}
