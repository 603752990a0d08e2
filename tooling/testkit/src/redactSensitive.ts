import { type BaselineProfile, type ColumnSpec, histogramBin } from '@mlops/features';
import type { LoggedPrediction } from './LoggedPrediction';

/** How sensitive features reach the log (`MLOPS_SENSITIVE_FIELDS`). */
export type SensitiveMode = 'drop' | 'hash' | 'bin';

/**
 * Treats the sensitive features of `record` as the API does: dropped, hashed, or (numeric
 * ones, with a reference histogram) replaced by their bin index and listed in `binned`;
 * a value that cannot be hashed or binned is dropped.
 */
export function redactSensitive(
  record: LoggedPrediction,
  specs: readonly ColumnSpec[],
  mode: SensitiveMode,
  hash: (value: number | string) => string,
  columns: BaselineProfile['columns'] = {},
): void {
  for (const spec of specs) {
    if (!spec.sensitive) continue;
    const value = record.features[spec.name];
    const reference = columns[spec.name];
    if (mode === 'hash' && value !== null) record.features[spec.name] = hash(value);
    else if (mode === 'bin' && typeof value === 'number' && reference?.kind === 'numeric') {
      record.features[spec.name] = histogramBin(value, reference.histogram.edges);
      record.binned = [...(record.binned ?? []), spec.name];
    } else delete record.features[spec.name];
  }
}
