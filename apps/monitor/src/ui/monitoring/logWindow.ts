import { type PredictionLogWindows, storeLayout } from '@mlops/registry';
import { type LogFold } from '../../log/LogFold';
import { streamStoreLog } from '../../log/streamStoreLog';
import type { UiTimeWindow } from '../uiTypes';
import { RANGE_MS, type UiTimeQuery } from './uiQuery';

/**
 * The fold of `model`'s whole log, every version together (no reference, so only the
 * sums): its newest timestamp anchors the time ranges. Read from the folds cached
 * beside the log, so a refresh reads only what was appended (on PostgreSQL, `log`: streamed
 * through its `readWindow`).
 */
export async function wholeLog(home: string, model: string, log?: PredictionLogWindows): Promise<LogFold> {
  const read = await streamStoreLog({
    log,
    dir: storeLayout(home).predictions,
    model,
    config: { version: null, recent: 0 },
  });
  return read.fold;
}

/**
 * The window a time query covers: a preset `range` back from `newest` (the newest logged
 * prediction; `all` starts at `oldest`), or a custom range's own from and to.
 */
export function timeWindow(query: UiTimeQuery, oldest: string | null, newest: string | null): UiTimeWindow {
  if (query.range === 'custom') {
    return { range: 'custom', from: query.from.toISOString(), to: query.to.toISOString() };
  }
  const { range } = query;
  if (newest === null) return { range, from: null, to: null };
  const ms = RANGE_MS[range];
  const from = ms === null ? oldest : new Date(Date.parse(newest) - ms).toISOString();
  return { range, from, to: newest };
}

/** Whether `time` lies in the window (a window without bounds holds nothing). */
export function inWindow(window: UiTimeWindow, time: string | null): boolean {
  if (time === null || window.to === null) return false;
  const t = Date.parse(time);
  return (window.from === null || t >= Date.parse(window.from)) && t <= Date.parse(window.to);
}
