import type { BaselineProfile, DataTable } from '@mlops/features';
import { binCounts } from '../statistics/binCounts';
import { populationStabilityIndex } from '../statistics/populationStabilityIndex';
import { type AlertLevel, alertLevel } from './alertLevel';

/** Drift of one column between the reference profile and the current data. */
export interface ColumnDrift {
  column: string;
  kind: 'numeric' | 'categorical';
  test: 'psi';
  statistic: number;
  threshold: number;
  drifted: boolean;
  /** Categories in the current data that the reference never had. */
  unseenCategories?: number;
}

/** A dataset-level drift verdict. */
export interface DriftSummary {
  referenceRows: number;
  currentRows: number;
  columns: ColumnDrift[];
  driftedColumns: number;
  driftShare: number;
  level: AlertLevel;
}

/** Options of {@link profileDrift}. */
export interface ProfileDriftOptions {
  /** A column drifts when its PSI reaches this. @default 0.2 */
  psiThreshold?: number;
}

/**
 * Compares current data with a baseline profile, column by column, by the
 * population stability index on the profile's own bins (numeric histogram or
 * category frequencies), and gives the dataset's alert level.
 */
export function profileDrift(
  reference: BaselineProfile,
  current: DataTable,
  options: ProfileDriftOptions = {},
): DriftSummary {
  const threshold = options.psiThreshold ?? 0.2;
  const columns: ColumnDrift[] = [];
  for (const [name, profile] of Object.entries(reference.columns)) {
    if (!current.has(name)) continue;
    const column = current.column(name);
    if (profile.kind === 'numeric' && column.kind === 'numeric') {
      const psi = populationStabilityIndex(
        profile.histogram.counts,
        binCounts(column.values, profile.histogram.edges),
      );
      columns.push({
        column: name,
        kind: 'numeric',
        test: 'psi',
        statistic: psi,
        threshold,
        drifted: psi >= threshold,
      });
    } else if (profile.kind === 'categorical' && column.kind === 'categorical') {
      const categories = Object.keys(profile.frequencies);
      const slot = new Map(categories.map((category, i) => [category, i]));
      // One extra bin collects categories the reference never saw.
      const actual = new Float64Array(categories.length + 1);
      const codeSlot = column.dictionary.map((category) => slot.get(category) ?? categories.length);
      for (const code of column.codes) if (code >= 0) actual[codeSlot[code]] += 1;
      const expected = [...categories.map((category) => profile.frequencies[category]), 0];
      const psi = populationStabilityIndex(expected, actual);
      columns.push({
        column: name,
        kind: 'categorical',
        test: 'psi',
        statistic: psi,
        threshold,
        drifted: psi >= threshold,
        unseenCategories: actual[categories.length],
      });
    }
  }
  const drifted = columns.filter((column) => column.drifted).length;
  return {
    referenceRows: reference.rows,
    currentRows: current.numRows,
    columns,
    driftedColumns: drifted,
    driftShare: columns.length ? drifted / columns.length : 0,
    level: alertLevel(drifted, columns.length),
  };
}
