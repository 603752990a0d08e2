import { PredictionLogReader, type PredictionLogWindows } from '@mlops/registry';
import { type StreamedLog, type StreamLogOptions, streamLog } from './streamLog';
import { streamWindows } from './streamWindows';

/** Options of {@link streamStoreLog}: `streamLog`'s, and the store's log. */
export interface StreamStoreLogOptions extends StreamLogOptions {
  /**
   * The store's prediction log (`openStores`' `predictionLog`). The segment files
   * (`PredictionLogReader`, or undefined: those under `dir`) are folded with their cache
   * beside the log; any other (PostgreSQL) streams its window through `readWindow`.
   */
  log?: PredictionLogWindows;
}

/**
 * The one place the monitor's log reads pick their path: {@link streamLog} on the segment
 * files (with the fold cache), {@link streamWindows} on any other store. Both give the same fold.
 */
export function streamStoreLog(options: StreamStoreLogOptions): Promise<StreamedLog> {
  const { log, ...rest } = options;
  if (log === undefined || log instanceof PredictionLogReader)
    return streamLog({ ...rest, reader: rest.reader ?? log });
  return streamWindows({
    log,
    model: rest.model,
    config: rest.config,
    since: rest.since,
    until: rest.until,
    window: rest.window,
    visit: rest.visit,
  });
}
