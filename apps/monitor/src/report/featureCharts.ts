import type { WindowProfile } from '@mlops/drift';
import type { BaselineProfile } from '@mlops/features';

/** Reference vs current shares of one feature, on the reference's bins or categories. */
export interface FeatureDistribution {
  column: string;
  labels: string[];
  reference: number[];
  current: number[];
}

/** Shares per reference bin (numeric, plus "below"/"above" when used; binned fields) or per category, for charts. */
export function featureDistributions(
  reference: BaselineProfile,
  window: WindowProfile,
): FeatureDistribution[] {
  const out: FeatureDistribution[] = [];
  for (const [column, profile] of Object.entries(reference.columns)) {
    const seen = window.columns[column];
    if (!seen || seen.count === 0) continue;
    if (profile.kind === 'numeric' && seen.kind === 'binned') {
      // A sensitive field logged as bin indices: the shares per reference bin are all there is.
      out.push({
        column,
        labels: profile.histogram.edges.slice(0, -1).map((e) => Number(e.toPrecision(3)).toString()),
        reference: profile.histogram.counts.map((c) => c / profile.count),
        current: seen.counts.map((c) => c / seen.count),
      });
    } else if (profile.kind === 'numeric' && seen.kind === 'numeric') {
      const edges = profile.histogram.edges;
      const labels = edges.slice(0, -1).map((e) => Number(e.toPrecision(3)).toString());
      const ref = profile.histogram.counts.map((c) => c / profile.count);
      const cur = seen.counts.map((c, i) => {
        const inRange = c - (i === 0 ? seen.below : 0) - (i === seen.counts.length - 1 ? seen.above : 0);
        return inRange / seen.count;
      });
      if (seen.below) {
        labels.unshift('below');
        ref.unshift(0);
        cur.unshift(seen.below / seen.count);
      }
      if (seen.above) {
        labels.push('above');
        ref.push(0);
        cur.push(seen.above / seen.count);
      }
      out.push({ column, labels, reference: ref, current: cur });
    } else if (profile.kind === 'categorical' && seen.kind === 'categorical') {
      const labels = [...new Set([...Object.keys(profile.frequencies), ...Object.keys(seen.counts)])].slice(
        0,
        30,
      );
      out.push({
        column,
        labels,
        reference: labels.map((l) => (profile.frequencies[l] ?? 0) / profile.count),
        current: labels.map((l) => (seen.counts[l] ?? 0) / seen.count),
      });
    }
  }
  return out;
}
