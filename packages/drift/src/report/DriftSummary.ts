import type { AlertLevel } from './alertLevel';
import { alertLevel } from './alertLevel';
import type { DriftTest } from './driftTests';

/** Drift of one column between the reference and the current data. */
export interface ColumnDrift {
  column: string;
  kind: 'numeric' | 'categorical';
  test: DriftTest;
  /** The test's statistic: KS D, χ², normalised Wasserstein, PSI, JS distance or z. */
  statistic: number;
  /** For KS and chi-square; drift is then p < threshold. */
  pValue?: number;
  threshold: number;
  drifted: boolean;
  /** Categories in the current data that the reference never had (rows). */
  unseenCategories?: number;
  /** Non-missing values compared on each side. */
  referenceCount?: number;
  currentCount?: number;
  /** KS only: how the p-value was computed. */
  method?: 'exact' | 'asymp';
}

/** A dataset-level drift verdict. */
export interface DriftSummary {
  /** `data`: two raw tables; `profile`: a stored baseline profile against current data. */
  mode?: 'data' | 'profile';
  referenceRows: number;
  currentRows: number;
  columns: ColumnDrift[];
  driftedColumns: number;
  driftShare: number;
  level: AlertLevel;
}

/** Dataset-level share and alert level of per-column results. */
export function summarizeDrift(
  mode: 'data' | 'profile',
  referenceRows: number,
  currentRows: number,
  columns: ColumnDrift[],
): DriftSummary {
  const drifted = columns.filter((column) => column.drifted).length;
  return {
    mode,
    referenceRows,
    currentRows,
    columns,
    driftedColumns: drifted,
    driftShare: columns.length ? drifted / columns.length : 0,
    level: alertLevel(drifted, columns.length),
  };
}
