import { type ColumnDrift, DriftError, profileDrift, profileWindow } from '@mlops/drift';
import { type BaselineProfile, categoricalColumn, DataTable, numericColumn } from '@mlops/features';
import type { LabelJoin } from '../check/joinLabels';
import { type FeatureDistribution, featureDistributions } from './featureCharts';

/** The true labels that arrived, against the label's distribution in the training data. */
export interface TargetDrift {
  column: string;
  drift: ColumnDrift;
  distribution: FeatureDistribution | null;
}

/**
 * Target drift: the joined labels against the target profile stored at
 * registration, with the profile's default test (the same choice as a feature
 * of that kind). Null when the version has no target profile, no label matched,
 * or no label reads as the training label's kind.
 */
export function targetDrift(profile: BaselineProfile, joined: LabelJoin): TargetDrift | null {
  const target = profile.target;
  if (!target || joined.pairs.length === 0) return null;
  const labels = joined.pairs.map((pair) => pair.label);
  const column =
    target.profile.kind === 'numeric'
      ? numericColumn(
          target.name,
          labels.map((label) => Number(label)),
        )
      : categoricalColumn(
          target.name,
          labels.map((label) => String(label)),
        );
  const reference: BaselineProfile = {
    formatVersion: 1,
    rows: profile.rows,
    columns: { [target.name]: target.profile },
  };
  const window = profileWindow(new DataTable([column]), reference);
  let drift: ColumnDrift;
  try {
    [drift] = profileDrift(reference, window).columns;
  } catch (error) {
    // Labels of another kind than the training label (text for a numeric label): no verdict, not a failed check.
    if (error instanceof DriftError && error.code === 'nothing-to-compare') return null;
    throw error;
  }
  const [distribution] = featureDistributions(reference, window);
  return { column: target.name, drift, distribution: distribution ?? null };
}
