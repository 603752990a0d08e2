import { mergeWindowProfiles, profileWindow, type WindowProfile } from '@mlops/drift';
import type { BaselineProfile, NumericProfile } from '@mlops/features';
import type { PredictionRecord } from '@mlops/registry';
import {
  PREDICTION_COLUMN,
  PROBABILITY_COLUMN,
  type RecordsToTableOptions,
  recordsToTable,
} from '../recordsToTable';

/** Window profiles of a stretch of the log: one per hour, and their merge. */
export interface LogProfile {
  hourly: WindowProfile[];
  window: WindowProfile;
}

/**
 * Options of {@link profileLog}: which columns of the records are profiled, as
 * {@link recordsToTable} takes them (binned features are profiled as bin counts,
 * `prediction` is the reference of the model's output).
 */
export interface ProfileLogOptions extends Omit<RecordsToTableOptions, 'probability'> {
  /** Reference of the logged probability: profiled as {@link PROBABILITY_COLUMN}. */
  probability?: NumericProfile;
}

/**
 * Profiles logged predictions hour by hour against the reference bins and
 * merges the hours into the window's profile, so the same hourly profiles can
 * be combined into a day or a week without reading the rows again. With
 * prediction references, the model's outputs are profiled too (as
 * {@link PREDICTION_COLUMN} and {@link PROBABILITY_COLUMN}) for prediction
 * drift. Records are in time order.
 */
export function profileLog(
  records: readonly PredictionRecord[],
  reference: BaselineProfile,
  options: ProfileLogOptions = {},
): LogProfile {
  const columns = { ...reference.columns };
  if (options.prediction) columns[PREDICTION_COLUMN] = options.prediction;
  if (options.probability) columns[PROBABILITY_COLUMN] = options.probability;
  const withOutputs: BaselineProfile = { ...reference, columns };
  const table = recordsToTable(records, reference, {
    ...options,
    probability: options.probability !== undefined,
  });
  const hourly: WindowProfile[] = [];
  let start = 0;
  while (start < records.length) {
    const hour = records[start].timestamp.slice(0, 13);
    let end = start + 1;
    while (end < records.length && records[end].timestamp.slice(0, 13) === hour) end += 1;
    const rows = new Int32Array(end - start);
    for (let i = 0; i < rows.length; i += 1) rows[i] = start + i;
    hourly.push(
      profileWindow(table.take(rows), withOutputs, {
        start: `${hour}:00:00.000Z`,
        end: records[end - 1].timestamp,
        binned: options.binned,
      }),
    );
    start = end;
  }
  return { hourly, window: mergeWindowProfiles(hourly) };
}
