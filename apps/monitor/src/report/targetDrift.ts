import { type ColumnDrift, profileDrift, profileWindow } from '@mlops/drift';
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
 * of that kind). Null when the version has no target profile or no label matched.
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
  const [drift] = profileDrift(reference, window).columns;
  const [distribution] = featureDistributions(reference, window);
  return { column: target.name, drift, distribution: distribution ?? null };
}
