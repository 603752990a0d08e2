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
  /**
   * Profile mode: the current data held the column's reference-bin indices, not its
   * values (a sensitive field logged with `MLOPS_SENSITIVE_FIELDS=bin`); the test ran
   * on the bin counts.
   */
  binned?: boolean;
}

/** A column a drift check did not test, and why, in the user's words. */
export interface SkippedColumn {
  column: string;
  reason: string;
}

/** A dataset-level drift verdict. */
export interface DriftSummary {
  /** `data`: two raw tables; `profile`: a stored baseline profile against current data. */
  mode?: 'data' | 'profile';
  referenceRows: number;
  currentRows: number;
  columns: ColumnDrift[];
  /** Columns left untested, each with its reason: nothing is dropped silently. */
  skipped: SkippedColumn[];
  driftedColumns: number;
  driftShare: number;
  level: AlertLevel;
}

/** Dataset-level share and alert level of per-column results; `skipped` lists the columns not tested. */
export function summarizeDrift(
  mode: 'data' | 'profile',
  referenceRows: number,
  currentRows: number,
  columns: ColumnDrift[],
  skipped: SkippedColumn[] = [],
): DriftSummary {
  const drifted = columns.filter((column) => column.drifted).length;
  return {
    mode,
    referenceRows,
    currentRows,
    columns,
    skipped,
    driftedColumns: drifted,
    driftShare: columns.length ? drifted / columns.length : 0,
    level: alertLevel(drifted, columns.length),
  };
}
