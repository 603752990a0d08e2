import { DriftError } from '../errors';
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
  /**
   * KS only: how the p-value was computed. `binned` (profile mode): D measured at
   * the reference histogram's edges, a lower bound of the exact D, with the
   * asymptotic p-value; the profile keeps no raw reference values.
   */
  method?: 'exact' | 'asymp' | 'binned';
  /**
   * The test asked for every column (`test`), when it does not fit this column's
   * kind and its counterpart (`test`) ran instead: KS → chi-square,
   * Wasserstein → Jensen–Shannon, z-score → chi-square.
   */
  requestedTest?: DriftTest;
  /**
   * Profile mode: the current data held the column's reference-bin indices, not its
   * values (a sensitive field logged with `MLOPS_SENSITIVE_FIELDS=bin`); the test ran
   * on the bin counts.
   */
  binned?: boolean;
}

import type { SkippedColumn } from './SkippedColumn';

export type { SkippedColumn };

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

/**
 * Dataset-level share and alert level of per-column results; `skipped` lists the
 * columns not tested. With no column tested there is no verdict: a `DriftError`
 * `nothing-to-compare` says what was empty (the current or the reference rows,
 * a profile without columns, or why each column was left out), never `stable`.
 */
export function summarizeDrift(
  mode: 'data' | 'profile',
  referenceRows: number,
  currentRows: number,
  columns: ColumnDrift[],
  skipped: SkippedColumn[] = [],
): DriftSummary {
  if (columns.length === 0) throw nothingToCompare(mode, referenceRows, currentRows, skipped);
  const drifted = columns.filter((column) => column.drifted).length;
  return {
    mode,
    referenceRows,
    currentRows,
    columns,
    skipped,
    driftedColumns: drifted,
    driftShare: drifted / columns.length,
    level: alertLevel(drifted, columns.length),
  };
}

/** The one-line reason no column was tested, with the fix. */
function nothingToCompare(
  mode: 'data' | 'profile',
  referenceRows: number,
  currentRows: number,
  skipped: SkippedColumn[],
): DriftError {
  const reference = mode === 'profile' ? 'the reference profile' : 'the reference data';
  const shown = skipped
    .slice(0, 4)
    .map((s) => `${s.column}: ${s.reason}`)
    .join('; ');
  const more = skipped.length > 4 ? `; and ${skipped.length - 4} more` : '';
  const message =
    mode === 'profile' && skipped.length === 0
      ? `nothing to compare: ${reference} has no columns: register the version again with a profile of its features`
      : referenceRows === 0
        ? `nothing to compare: ${reference} has no rows: use the data the model was trained on`
        : currentRows === 0
          ? mode === 'profile'
            ? 'nothing to compare: the current window has no rows: check a window that holds data'
            : 'nothing to compare: the current data has no rows: give current data with rows'
          : skipped.length === 0
            ? 'nothing to compare: neither side has a column: give data with the columns to compare'
            : `nothing to compare: no column could be tested (${shown}${more}): give data that shares at least one column with values on both sides`;
  return new DriftError('nothing-to-compare', message, { skipped });
}
