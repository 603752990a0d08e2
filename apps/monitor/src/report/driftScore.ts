import { type ColumnDrift, pValueTests } from '@mlops/drift';

/**
 * How far a column is past its drift threshold, on one scale for every test:
 * 1 at the threshold, above 1 drifted. A statistic test scores statistic /
 * threshold (|z| for the z-score); a p-value test scores log(p) / log(threshold),
 * so p = threshold² scores 2 whatever the threshold. p = 0 scores Infinity.
 */
export function driftScore(column: ColumnDrift): number {
  if (pValueTests.has(column.test)) {
    const p = column.pValue ?? 1;
    if (p >= 1 || column.threshold >= 1) return 0;
    return p <= 0 ? Number.POSITIVE_INFINITY : Math.log(p) / Math.log(column.threshold);
  }
  const statistic = column.test === 'zscore' ? Math.abs(column.statistic) : column.statistic;
  return column.threshold > 0 ? statistic / column.threshold : statistic;
}

/** The columns most drifted first (by {@link driftScore}; drifted before not drifted, then by name). */
export function byDriftScore<T extends ColumnDrift>(columns: readonly T[]): T[] {
  return [...columns].sort(
    (a, b) =>
      Number(b.drifted) - Number(a.drifted) ||
      driftScore(b) - driftScore(a) ||
      (a.column < b.column ? -1 : a.column > b.column ? 1 : 0),
  );
}
