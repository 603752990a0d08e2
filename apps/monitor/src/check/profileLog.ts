import { mergeWindowProfiles, profileWindow, type WindowProfile } from '@mlops/drift';
import type { BaselineProfile, ColumnProfile } from '@mlops/features';
import type { PredictionRecord } from '@mlops/registry';
import { PREDICTION_COLUMN, recordsToTable } from '../recordsToTable';

/** Window profiles of a stretch of the log: one per hour, and their merge. */
export interface LogProfile {
  hourly: WindowProfile[];
  window: WindowProfile;
}

/**
 * Profiles logged predictions hour by hour against the reference bins and
 * merges the hours into the window's profile, so the same hourly profiles can
 * be combined into a day or a week without reading the rows again. With a
 * target profile, the model's output is profiled too (as
 * {@link PREDICTION_COLUMN}) for prediction drift. Records are in time order.
 */
export function profileLog(
  records: readonly PredictionRecord[],
  reference: BaselineProfile,
  target?: ColumnProfile,
): LogProfile {
  const withTarget: BaselineProfile = target
    ? { ...reference, columns: { ...reference.columns, [PREDICTION_COLUMN]: target } }
    : reference;
  const table = recordsToTable(records, reference, { prediction: target });
  const hourly: WindowProfile[] = [];
  let start = 0;
  while (start < records.length) {
    const hour = records[start].timestamp.slice(0, 13);
    let end = start + 1;
    while (end < records.length && records[end].timestamp.slice(0, 13) === hour) end += 1;
    const rows = new Int32Array(end - start);
    for (let i = 0; i < rows.length; i += 1) rows[i] = start + i;
    hourly.push(
      profileWindow(table.take(rows), withTarget, {
        start: `${hour}:00:00.000Z`,
        end: records[end - 1].timestamp,
      }),
    );
    start = end;
  }
  return { hourly, window: mergeWindowProfiles(hourly) };
}
