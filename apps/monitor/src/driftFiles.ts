import { type DriftReportOptions, type DriftSummary, driftReport } from '@mlops/drift';
import { readDataset } from '@mlops/features';
import { MonitorError } from './errors';
import { keyColumnReasons } from './files/keyColumnReasons';

/** Options of `monitor drift`. */
export interface DriftFilesOptions extends DriftReportOptions {
  reference: string;
  current: string;
}

/** What `monitor drift --json` prints: the summary (with `skipped`), the files, and where the roles came from. */
export type DriftFilesResult = DriftSummary & {
  reference: string;
  current: string;
  /** The schema sidecar that named the id and time columns; null when they were inferred (or `--columns` was given). */
  schema: string | null;
};

/**
 * `monitor drift`: compares two CSV/Arrow files with the default tests or the one
 * asked for; no model needed. Without `--columns`, id and time columns (from the
 * schema sidecar, else inferred) are never tested: they are listed in `skipped`
 * with the reason, beside columns only one file has or whose types disagree.
 * `--columns` tests exactly the columns named. An empty file, or no column the
 * two files can be compared on, is nothing to compare (an error, exit 4), never stable.
 */
export function driftFiles(options: DriftFilesOptions): DriftFilesResult {
  const reference = readDataset(options.reference);
  const current = readDataset(options.current);
  for (const [side, path, table, fix] of [
    ['reference', options.reference, reference, 'point --reference at the data the model was trained on'],
    ['current', options.current, current, 'point --current at a file with the rows to check'],
  ] as const) {
    if (table.numRows === 0) {
      throw new MonitorError(
        'nothing-to-compare',
        `nothing to compare: the ${side} file ${path} has no rows: ${fix}`,
        { [side]: path, rows: 0 },
      );
    }
  }
  const keys = options.columns
    ? { reasons: {}, schema: null }
    : keyColumnReasons(reference, options.reference, options.current);
  const summary = driftReport(reference, current, {
    ...options,
    exclude: { ...keys.reasons, ...options.exclude },
  });
  return { reference: options.reference, current: options.current, schema: keys.schema, ...summary };
}
