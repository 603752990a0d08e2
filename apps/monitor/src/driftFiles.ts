import { type DriftReportOptions, type DriftSummary, driftReport } from '@mlops/drift';
import { readDataset } from '@mlops/features';

/** Options of `monitor drift`. */
export interface DriftFilesOptions extends DriftReportOptions {
  reference: string;
  current: string;
}

/** `monitor drift`: compares two CSV/Arrow files with the default tests or the one asked for; no model needed. */
export function driftFiles(
  options: DriftFilesOptions,
): DriftSummary & { reference: string; current: string } {
  const reference = readDataset(options.reference);
  const current = readDataset(options.current);
  const summary = driftReport(reference, current, options);
  return { reference: options.reference, current: options.current, ...summary };
}
