import type { PredictionLogWindows, PredictionRecord } from '@mlops/registry';
import type { WindowSpec } from '../check/timeWindow';
import { type FoldConfig, LogFolder } from './LogFolder';
import type { StreamedLog } from './streamLog';

/** Options of {@link streamWindows}: those of `streamLog` that a store's `readWindow` serves. */
export interface StreamWindowsOptions {
  /** The log (`openStores`' `predictionLog` on PostgreSQL). */
  log: PredictionLogWindows;
  model: string;
  config: FoldConfig;
  /** Only records at or after this time. */
  since?: Date;
  /** Only records before this time. @default no end */
  until?: Date;
  /** The last stretch of time (ending at the version's newest record) or the last N records. @default everything */
  window?: WindowSpec;
  /** Called with every record of the window (of the configured version): labels to join, exact-test values. */
  visit?: (record: PredictionRecord) => void;
}

/**
 * Folds a window of one model's log read through the store's `readWindow` (PostgreSQL: a
 * cursor in time order, `fetchRows` at a time) into the same {@link LogFold} as `streamLog`
 * makes of the segment files, so the check after it does not know which store it read.
 * Memory stays bounded: records are folded as they stream (a window of the last N rows holds
 * those N, as the reader's `newest` does). A time window ends at the version's newest record,
 * as on files. The store keeps no fold cache: each check reads its window again, on the index.
 */
export async function streamWindows(options: StreamWindowsOptions): Promise<StreamedLog> {
  const { log, model, config, since, until, window } = options;
  const version = config.version ?? undefined;
  let from = since;
  if (window?.kind === 'time') {
    let last: string | undefined;
    await log.readWindow(
      { model, version, from: since, to: until, newest: 1 },
      { onRecord: (r) => (last = r.timestamp) },
    );
    if (last !== undefined) {
      const start = new Date(Date.parse(last) - window.ms);
      from = since && since > start ? since : start;
    }
  }
  const folder = new LogFolder(config);
  const newest = window?.kind === 'rows' ? window.rows : undefined;
  // The whole log (no window, no since) is read with every version, so the fold counts the
  // other versions' rows as on files (`otherRows`); a window is of the version alone.
  const ofVersion = window !== undefined || since !== undefined || until !== undefined;
  await log.readWindow(
    { model, version: ofVersion ? version : undefined, from, to: until, newest },
    {
      onRecord: (record) => {
        const before = folder.rowsAdded;
        folder.add(record);
        if (options.visit && folder.rowsAdded > before) options.visit(record);
      },
    },
  );
  const fold = folder.finish();
  // How much of the log is of other versions or times only matters to the "nothing to compare" message.
  let logged = fold.rows + fold.otherRows;
  if (fold.rows === 0 && ofVersion) await log.readWindow({ model }, { onRecord: () => void logged++ });
  return { fold, skipped: { count: 0, first: [] }, logged, segments: 0 };
}
